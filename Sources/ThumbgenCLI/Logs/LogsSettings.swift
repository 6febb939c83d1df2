import ThumbgenAWS
import ThumbgenDeploy

/// `thumbgen logs`'s options, validated.
struct LogsSettings: Sendable {
    /// The log group name.
    var group: String
    /// The search: window (ms since the epoch), filter pattern, stream prefix.
    var query: FilterLogEventsQuery
    var follow: Bool
    var format: LogOutputFormat
    /// Time between polls with `--follow`.
    var pollInterval: Duration
    /// `--profile`, `--region`, `--endpoint-url`.
    var awsFlags: AWSConfiguration.Flags

    /// The default `--since`.
    static let defaultSince = "10m"
    /// The default `--poll-interval`, in seconds.
    static let defaultPollSeconds = 2.0

    /// - Parameters:
    ///   - arguments: The parsed flags.
    ///   - environment: The process environment (for `THUMBGEN_LOG_GROUP`).
    ///   - now: The current time, in milliseconds since the epoch.
    /// - Throws: ``UsageError`` naming the flag for a bad time, format or poll interval,
    ///   `--until` before `--since`, `--until` with `--follow`, or no log group.
    init(_ arguments: ParsedArguments, environment: [String: String], now: Int64) throws(UsageError) {
        let command = arguments.command
        group = try LogGroupResolver.resolve(flag: arguments.string("group"), environment: environment)
        let start = try Self.time(arguments, "since", now: now) ?? (now - 600_000)
        let end = try Self.time(arguments, "until", now: now)
        follow = arguments.has("follow")
        if let end {
            if follow {
                throw UsageError(.conflictingOptions, "--until cannot be combined with --follow", command: command)
            }
            if end < start {
                throw UsageError(.invalidValue, "--until \(LogTime.format(end)) is before --since \(LogTime.format(start))", command: command)
            }
        }
        query = FilterLogEventsQuery(
            logGroupName: group, startTime: start, endTime: end,
            filterPattern: arguments.string("filter-pattern"),
            logStreamNamePrefix: arguments.string("stream-prefix"))
        format = try arguments.choice("format", as: LogOutputFormat.self) ?? .detailed
        let seconds = arguments.string("poll-interval").map { Double($0) } ?? Self.defaultPollSeconds
        guard let seconds, seconds >= 0.05, seconds <= 300 else {
            throw UsageError(.invalidValue, "--poll-interval: '\(arguments.string("poll-interval") ?? "")' is not a number of seconds from 0.05 to 300", command: command)
        }
        pollInterval = .milliseconds(Int64(seconds * 1000))
        let stack = try? StackOutputs.load(flag: nil, environment: environment, currentDirectory: DeployCommand.currentDirectory())
        awsFlags = AWSCommandOptions.withStackDefaults(
            AWSConfiguration.Flags(
                profile: arguments.string("profile"), region: arguments.string("region"),
                endpointURL: arguments.string("endpoint-url")),
            service: .cloudWatchLogs, environment: environment, stackRegion: stack?.region, stackEndpoint: stack?.endpointURL)
    }

    private static func time(_ arguments: ParsedArguments, _ long: String, now: Int64) throws(UsageError) -> Int64? {
        guard let text = arguments.string(long) else { return nil }
        guard let value = LogTime.parse(text, now: now) else {
            throw UsageError(
                .invalidValue, "--\(long): '\(text)' is not an age (30s, 10m, 2h, 1d, 1w) or an ISO 8601 time (2026-11-29T14:05:00Z)",
                command: arguments.command)
        }
        return value
    }
}
