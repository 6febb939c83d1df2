import Foundation
import Testing
import ThumbgenAWS
import ThumbgenHTTP
import ThumbgenTestSupport

@testable import ThumbgenCLI

/// `thumbgen logs` end to end against a real CloudWatch Logs emulator (moto) on 127.0.0.1:
/// in process through `ThumbgenCLI.run(arguments:context:)`, and `--follow` as the built
/// binary, stopped with SIGINT.
@Suite(.enabled(if: MotoServer.isInstalled, Comment(rawValue: MotoServer.skipMessage)))
struct LogsCommandTests {
    /// The environment a user would have: credentials, region and the endpoint variable.
    static func environment(_ server: MotoServer) -> [String: String] {
        [
            "AWS_ACCESS_KEY_ID": "AKIDTESTING", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": "us-east-1",
            "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS": server.endpoint, "HOME": "/nonexistent", "NO_COLOR": "1",
        ]
    }

    static func client(_ server: MotoServer) throws -> CloudWatchLogsClient {
        let environment = environment(server)
        let configuration = try AWSConfiguration.resolve(
            service: .cloudWatchLogs, flags: .init(), environment: environment,
            files: AWSSharedFiles.load(environment: environment))
        return CloudWatchLogsClient(configuration: configuration, httpClient: CurlHTTPClient())
    }

    /// Runs `thumbgen ARGS` in process with stdout and stderr captured in temp files.
    static func run(_ arguments: [String], environment: [String: String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("thumbgen-logs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = open(directory.appendingPathComponent("out").path, O_CREAT | O_WRONLY | O_TRUNC, 0o600)
        let err = open(directory.appendingPathComponent("err").path, O_CREAT | O_WRONLY | O_TRUNC, 0o600)
        let context = CommandContext(environment: environment, console: Console(output: out, error: err), processorCount: 1)
        let status = ThumbgenCLI.run(arguments: arguments, context: context)
        close(out)
        close(err)
        return (
            status, try String(contentsOf: directory.appendingPathComponent("out"), encoding: .utf8),
            try String(contentsOf: directory.appendingPathComponent("err"), encoding: .utf8)
        )
    }

    /// A group with 30 events on two streams (six in one millisecond), some of them ERROR, within the last minute,
    /// plus one event from two hours ago.
    static func seed(_ server: MotoServer) throws -> (group: String, base: Int64) {
        let client = try client(server)
        let group = "/aws/lambda/thumbgen-cli-\(UUID().uuidString.prefix(8))"
        let base = Int64(Date().timeIntervalSince1970 * 1000) - 60_000
        try client.createLogGroup(group)
        try client.createLogStream("a", group: group)
        try client.createLogStream("b", group: group)
        try client.putLogEvents([InputLogEvent(timestamp: base - 7_200_000, message: "old\n")], stream: "a", group: group)
        for stream in ["a", "b"] {
            let events = (0..<15).map { index in
                InputLogEvent(timestamp: base + (index < 3 ? 0 : Int64(index)), message: "\(stream)\(index)\(index % 5 == 0 ? " ERROR" : "")\n")
            }
            try client.putLogEvents(events, stream: stream, group: group)
        }
        return (group, base)
    }

    @Test func printsEveryEventOnceInOrder() throws {
        let server = try #require(MotoServer.shared)
        let (group, base) = try Self.seed(server)
        let result = try Self.run(["logs", "--group", group, "--format", "short"], environment: Self.environment(server))
        #expect(result.status == 0)
        #expect(result.stderr == "")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 30)
        let messages = lines.map { String($0.split(separator: " ", maxSplits: 1)[1]) }
        #expect(Set(messages).count == 30)
        #expect(!messages.contains("old"))
        let times = lines.map { String($0.prefix(24)) }
        #expect(times == times.sorted())
        #expect(times.filter { $0 == LogTime.format(base) }.count == 6)
    }

    @Test func jsonFormatParses() throws {
        let server = try #require(MotoServer.shared)
        let (group, _) = try Self.seed(server)
        let result = try Self.run(["logs", "--group", group, "--format", "json", "--since", "3h"], environment: Self.environment(server))
        #expect(result.status == 0)
        let objects = try result.stdout.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(objects.count == 31)
        #expect(objects.first?["message"] as? String == "old")
        #expect(Set(objects.compactMap { $0["logStreamName"] as? String }) == ["a", "b"])
    }

    @Test func filterPatternAndSinceNarrow() throws {
        let server = try #require(MotoServer.shared)
        let (group, base) = try Self.seed(server)
        let environment = Self.environment(server)
        let errors = try Self.run(["logs", "--group", group, "--filter-pattern", "ERROR", "--format", "short"], environment: environment)
        #expect(
            errors.stdout.split(separator: "\n").map { $0.split(separator: " ", maxSplits: 1)[1] }.sorted()
                == ["a0 ERROR", "a10 ERROR", "a5 ERROR", "b0 ERROR", "b10 ERROR", "b5 ERROR"])
        let since = try Self.run(
            [
                "logs", "--group", group, "--since", LogTime.format(base + 13), "--format", "short",
                "--stream-prefix", "b",
            ], environment: environment)
        #expect(since.stdout.split(separator: "\n").map { $0.split(separator: " ", maxSplits: 1)[1] } == ["b13", "b14"])
    }

    @Test func missingGroupIsOneLineWithStatusOne() throws {
        let server = try #require(MotoServer.shared)
        let result = try Self.run(["logs", "--group", "/aws/lambda/nothing-here"], environment: Self.environment(server))
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr.hasPrefix("thumbgen: log group '/aws/lambda/nothing-here' in region us-east-1 does not exist"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func misspeltGroupSuggestsTheClosest() throws {
        let server = try #require(MotoServer.shared)
        let (group, _) = try Self.seed(server)
        let result = try Self.run(["logs", "--group", group + "x"], environment: Self.environment(server))
        #expect(result.status == 1)
        #expect(result.stderr.hasSuffix("(did you mean '\(group)'?)\n"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func endpointFlagWinsOverTheEnvironmentAndNoColourOffATerminal() throws {
        let server = try #require(MotoServer.shared)
        let (group, _) = try Self.seed(server)
        var environment = Self.environment(server)
        environment["AWS_ENDPOINT_URL_CLOUDWATCH_LOGS"] = "http://127.0.0.1:1"
        environment["NO_COLOR"] = nil
        let refused = try Self.run(["logs", "--group", group], environment: environment)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("127.0.0.1:1"))
        let result = try Self.run(["logs", "--group", group, "--endpoint-url", server.endpoint], environment: environment)
        #expect(result.status == 0)
        #expect(result.stdout.split(separator: "\n").count == 30)
        #expect(!result.stdout.contains("\u{1B}"))
    }

    @Test func noGroupIsAUsageError() throws {
        let result = try Self.run(["logs"], environment: ["HOME": "/nonexistent"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("thumbgen: no log group: pass --group NAME or set THUMBGEN_LOG_GROUP"))
    }
}
