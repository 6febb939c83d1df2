import Testing

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
}
