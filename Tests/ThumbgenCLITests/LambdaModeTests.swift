import Foundation
import Testing
import ThumbgenTestSupport

@testable import ThumbgenCLI

@Suite struct LambdaModeTests {
    @Test(
        arguments: [
            (["bootstrap"], [:], true),
            (["/var/task/bootstrap"], [:], true),
            (["./bootstrap", "resize", "x.jpg"], [:], true),
            (["thumbgen"], ["AWS_LAMBDA_RUNTIME_API": "127.0.0.1:9001"], true),
            (["/usr/local/bin/thumbgen"], [:], false),
            (["thumbgen"], ["AWS_LAMBDA_RUNTIME_API": ""], false),
            (["thumbgen", "resize", "x.jpg"], ["AWS_LAMBDA_RUNTIME_API": "127.0.0.1:9001"], false),
            (["bootstrap-helper"], [:], false),
            (["/opt/bootstrap/thumbgen"], [:], false),
        ] as [([String], [String: String], Bool)])
    func decidesLambdaMode(arguments: [String], environment: [String: String], expected: Bool) {
        #expect(LambdaMode.isLambda(arguments: arguments, environment: environment) == expected)
    }

    @Test func lambdaCommandIsHiddenButRegistered() {
        let command = CommandRegistry.command(named: "lambda")
        #expect(command?.hidden == true)
        #expect(HelpRenderer.overview(commands: CommandRegistry.commands).contains("lambda") == false)
    }

    /// The Runtime API needs no library: the bootstrap reports a set-up failure to
    /// `/runtime/init/error` and exits without loading libcurl (`LD_DEBUG=files` lists every
    /// library the loader maps, `dlopen`ed ones included). libcurl and its ~30 libraries cost
    /// most of the start before the first `next` when the Runtime API went through it.
    @Test func runtimeAPIIsReachedWithoutLoadingLibcurl() throws {
        let runtime = try RuntimeAPITestServer()
        defer { runtime.stop() }
        let result = try BinaryRunner.run(
            [],
            environment: [
                "AWS_LAMBDA_RUNTIME_API": runtime.endpoint, "LD_DEBUG": "files", "PATH": "/usr/bin:/bin",
                "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "secret", "AWS_REGION": "eu-west-1",
                "THUMBGEN_ORIGINALS_BUCKET": "same", "THUMBGEN_THUMBNAILS_BUCKET": "same",
            ])
        #expect(result.status == 1)
        #expect(runtime.posts.map(\.kind) == [.initError])
        #expect(runtime.posts.first?.errorTypeHeader == "ServiceError.invalidConfiguration")
        #expect(result.stderr.contains("file=libc.so.6"), "LD_DEBUG=files reported the loaded libraries")
        #expect(!result.stderr.contains("libcurl"), "libcurl was loaded:\n\(result.stderr.split(separator: "\n").filter { $0.contains("file=") }.joined(separator: "\n"))")
    }
}
