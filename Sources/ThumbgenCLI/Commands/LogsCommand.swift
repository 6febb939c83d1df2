import FoundationEssentials
import ThumbgenAWS
import ThumbgenBasics
import ThumbgenHTTP

/// `thumbgen logs`: the deployed function's CloudWatch Logs, once or following new events.
struct LogsCommand: Command {
    let name = "logs"
    let summary = "Show the deployed function's CloudWatch Logs, optionally following new events"
    let discussion = """
        Reads the log group through CloudWatch Logs FilterLogEvents, oldest first, every event once.
        The group is --group, else THUMBGEN_LOG_GROUP, else the deployed function's group. Without
        --since, the last 10 minutes. Times: an age (30s, 10m, 2h, 1d, 1w) or ISO 8601
        (2026-11-29T14:05:00Z; without an offset, UTC). Output times are UTC.

        --follow keeps polling (every 2 seconds unless --poll-interval) from the newest event seen,
        re-reading a 10-second overlap so late-arriving events and events sharing a millisecond are
        shown once; new streams appear as they are created. Throttling and server errors are retried
        with backoff; Ctrl-C stops (exit status 130), and so does the reader of the output going away
        (exit status 0). Each line is written as soon as it is ready, so
        `thumbgen logs --follow | grep ERROR` works live.

        Formats: detailed (time, stream, message), short (time, message), json (one object per line).
        JSON log lines are shown as LEVEL message key=value. Colour only on a terminal, and never
        when NO_COLOR is set. Credentials, region and profile as for the AWS CLI; the endpoint is
        --endpoint-url, else AWS_ENDPOINT_URL_CLOUDWATCH_LOGS, else AWS_ENDPOINT_URL.
        """
    let positionals: [PositionalSpec] = []
    let options: [OptionSpec] = [
        .flag("follow", help: "Keep polling and print new events as they arrive"),
        .value("since", valueName: "TIME", help: "Start of the window: an age (10m, 2h, 1d) or an ISO 8601 time", default: LogsSettings.defaultSince),
        .value("until", valueName: "TIME", help: "End of the window (not with --follow)", default: "now"),
        .value("filter-pattern", valueName: "PATTERN", help: "CloudWatch Logs filter pattern, e.g. ERROR or '{ $.level = \"ERROR\" }'"),
        .value("stream-prefix", valueName: "PREFIX", help: "Only streams whose names start with PREFIX"),
        .value("format", valueName: "FORMAT", help: "detailed, short or json", default: "detailed"),
        .value("group", valueName: "NAME", help: "Log group (default: THUMBGEN_LOG_GROUP, else the deployed function's)"),
        .value("poll-interval", valueName: "SECONDS", help: "Seconds between polls with --follow", default: "2"),
        .value("profile", valueName: "NAME", help: "AWS profile (default: AWS_PROFILE, else default)"),
        .value("region", valueName: "REGION", help: "AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, the profile's)"),
        .value("endpoint-url", valueName: "URL", help: "CloudWatch Logs endpoint (default: AWS_ENDPOINT_URL_CLOUDWATCH_LOGS, AWS_ENDPOINT_URL)"),
    ]

    func run(_ arguments: ParsedArguments, context: CommandContext) throws -> Int32 {
        let now = Int64((Date().timeIntervalSince1970 * 1000).rounded())
        let settings = try LogsSettings(arguments, environment: context.environment, now: now)
        let configuration = try AWSConfiguration.resolve(
            service: .cloudWatchLogs, flags: settings.awsFlags,
            environment: context.environment,
            files: AWSSharedFiles.load(environment: context.environment))
        // Stop on Ctrl-C, or once whatever reads standard output has gone (`--follow | head`).
        let output = context.console.outputDescriptor
        let shouldStop: @Sendable () -> Bool = { Interruption.requested || Self.isClosed(output) }
        let sleep: @Sendable (Duration) -> Void = { Self.sleep($0, unless: shouldStop) }
        let client = CloudWatchLogsClient(
            configuration: configuration,
            httpClient: CurlHTTPClient(sslCertFile: context.environment["SSL_CERT_FILE"]),
            clock: AWSClock(now: { Date() }, sleep: sleep, random: { Double.random(in: 0..<1) }))
        let noColor = !(context.environment["NO_COLOR"] ?? "").isEmpty
        let formatter = LogEventFormatter(format: settings.format, color: context.console.outputIsTerminal && !noColor)
        let tail = LogTail(client: client, query: settings.query, settings: LogTail.Settings(pollInterval: settings.pollInterval))
        let console = context.console
        Interruption.install()
        let summary: LogTail.Summary
        do {
            summary = try tail.run(
                follow: settings.follow, shouldStop: shouldStop, sleep: sleep,
                notice: { console.errorLine("thumbgen: \($0)") },
                deliver: { console.line(formatter.line(for: $0)) })
        } catch {
            throw Self.suggestingGroup(for: error, group: settings.group, client: client)
        }
        if summary.stopped { return Interruption.requested ? 130 : 0 }
        if summary.events == 0 {
            let end = settings.query.endTime.map(LogTime.format) ?? "now"
            console.errorLine("thumbgen: no events in log group '\(settings.group)' from \(LogTime.format(settings.query.startTime ?? now)) to \(end)")
        }
        return 0
    }

    /// For a missing group, `error` with ` (did you mean 'NAME'?)` added when a group beside
    /// `group` (same path up to the last `/`) is at most two edits away; otherwise `error` unchanged.
    static func suggestingGroup(for error: AWSError, group: String, client: CloudWatchLogsClient) -> AWSError {
        guard error.serviceCode == CloudWatchLogsProtocol.ErrorType.resourceNotFound else { return error }
        let prefix = group.lastIndex(of: "/").map { String(group[...$0]) }
        guard let names = try? client.describeLogGroups(prefix: prefix, limit: 500),
            let closest = Suggestion.closest(to: group, in: names)
        else { return error }
        var suggested = error
        suggested.message += " (did you mean '\(closest)'?)"
        return suggested
    }

    /// Sleeps in slices of at most 50 ms, returning early once `stop` holds.
    static func sleep(_ duration: Duration, unless stop: () -> Bool) {
        var remaining = duration
        let slice = Duration.milliseconds(50)
        while remaining > .zero, !stop() {
            let step = remaining < slice ? remaining : slice
            AWSClock.system.sleep(step)
            remaining -= step
        }
    }

    /// Whether the reader of `descriptor` has gone: `poll(2)` reports `POLLERR` for a pipe whose
    /// read end is closed and `POLLHUP` for a hung-up terminal (as GNU `tail -f` checks since
    /// coreutils 8.28). Without this, `logs --follow | head` would run on until the next event.
    static func isClosed(_ descriptor: Int32) -> Bool {
        var entry = pollfd(fd: descriptor, events: 0, revents: 0)
        guard poll(&entry, 1, 0) > 0 else { return false }
        return entry.revents & Int16(POLLERR | POLLHUP) != 0
    }
}
