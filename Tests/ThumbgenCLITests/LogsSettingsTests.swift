import Testing

@testable import ThumbgenCLI

/// `thumbgen logs` flag validation.
@Suite struct LogsSettingsTests {
    static let now: Int64 = 1_795_961_109_250

    static func settings(_ arguments: [String], environment: [String: String] = [:]) throws -> LogsSettings {
        let parsed = try LogsCommand().parser.parse(arguments)
        return try LogsSettings(parsed, environment: environment, now: now)
    }

    static func usageError(_ arguments: [String], environment: [String: String] = [:]) -> UsageError? {
        do {
            _ = try settings(arguments, environment: environment)
            return nil
        } catch {
            return error as? UsageError
        }
    }

    @Test func defaultsAreTheLastTenMinutesDetailed() throws {
        let settings = try Self.settings(["--group", "g"])
        #expect(settings.group == "g")
        #expect(settings.query.startTime == Self.now - 600_000)
        #expect(settings.query.endTime == nil)
        #expect(settings.format == .detailed)
        #expect(settings.pollInterval == .seconds(2))
        #expect(!settings.follow)
    }

    @Test func flagsAreCarriedIntoTheQuery() throws {
        let settings = try Self.settings([
            "--group", "g", "--since", "2026-11-29T14:00:00Z", "--until", "1m", "--filter-pattern", "ERROR",
            "--stream-prefix", "2026/", "--format", "JSON", "--region", "eu-west-1",
            "--endpoint-url", "http://127.0.0.1:1", "--profile", "dev",
        ])
        #expect(settings.query.startTime == 1_795_960_800_000)
        #expect(settings.query.endTime == Self.now - 60_000)
        #expect(settings.query.filterPattern == "ERROR")
        #expect(settings.query.logStreamNamePrefix == "2026/")
        #expect(settings.format == .json)
        #expect(settings.awsFlags.region == "eu-west-1")
        #expect(settings.awsFlags.endpointURL == "http://127.0.0.1:1")
        #expect(settings.awsFlags.profile == "dev")
    }

    @Test func groupComesFromTheFlagThenTheEnvironment() throws {
        #expect(try Self.settings([], environment: ["THUMBGEN_LOG_GROUP": "/aws/lambda/env"]).group == "/aws/lambda/env")
        #expect(try Self.settings(["--group", "flag"], environment: ["THUMBGEN_LOG_GROUP": "env"]).group == "flag")
        let error = Self.usageError([])
        #expect(error?.code == .missingArgument)
        #expect(error?.message.contains("--group") == true)
    }

    @Test(arguments: [
        (["--group", "g", "--since", "yesterday"], UsageError.Code.invalidValue, "--since: 'yesterday'"),
        (["--group", "g", "--until", "2026-13-01"], .invalidValue, "--until: '2026-13-01'"),
        (["--group", "g", "--since", "1m", "--until", "2h"], .invalidValue, "--until 2026-11-29T12:05:09.250Z is before --since"),
        (["--group", "g", "--follow", "--until", "1m"], .conflictingOptions, "--until cannot be combined with --follow"),
        (["--group", "g", "--format", "pretty"], .invalidValue, "--format: 'pretty'"),
        (["--group", "g", "--poll-interval", "0"], .invalidValue, "--poll-interval: '0'"),
        (["--group", "g", "--poll-interval", "fast"], .invalidValue, "--poll-interval: 'fast'"),
    ])
    func badValuesAreUsageErrors(arguments: [String], code: UsageError.Code, start: String) {
        let error = Self.usageError(arguments)
        #expect(error?.code == code)
        #expect(error?.message.hasPrefix(start) == true, "\(String(describing: error?.message))")
        #expect(error?.command == "logs")
    }

    @Test func pollIntervalAcceptsFractions() throws {
        #expect(try Self.settings(["--group", "g", "--poll-interval", "0.25"]).pollInterval == .milliseconds(250))
    }
}
