/// Reads a log group's events through `FilterLogEvents`, once or following new ones, and
/// hands each event over exactly once.
///
/// Following polls every ``Settings/pollInterval``. Each poll starts from the newest event
/// timestamp seen minus ``Settings/overlapMilliseconds`` (events can be ingested a few
/// seconds after their timestamp, and several events can share a millisecond), pages
/// through `nextToken` (see ``LogEventPager``), and drops events already shown with an
/// ``EventDeduplicator`` over the same window. Polling the whole group, not a list of
/// streams, means streams created after the tail started are seen. Throttling, 5xx and
/// connection failures that outlast the client's own retries are reported through
/// `notice` and retried with jittered backoff while following; other errors end the tail.
/// Source of the approach: `aws logs tail --follow` (AWS CLI), with the overlap added.
package struct LogTail: Sendable {
    /// How to poll.
    package struct Settings: Sendable, Hashable {
        /// Time between the end of one poll and the start of the next (default 2 s).
        package var pollInterval: Duration
        /// How far before the newest timestamp seen each poll starts, in milliseconds (default 10 000).
        package var overlapMilliseconds: Int64
        /// Waits after failed polls while following: full jitter, default 1 s doubling to 30 s
        /// (its `maxAttempts` is ignored: following never gives up on a retryable failure).
        package var followBackoff: AWSRetryPolicy

        /// Creates settings.
        ///
        /// - Parameters:
        ///   - pollInterval: Pause between polls.
        ///   - overlapMilliseconds: Re-read window behind the newest event, in milliseconds.
        ///   - followBackoff: Waits after retryable failures while following.
        package init(
            pollInterval: Duration = .seconds(2), overlapMilliseconds: Int64 = 10_000,
            followBackoff: AWSRetryPolicy = AWSRetryPolicy(maxAttempts: 1, baseDelay: .seconds(1), maxDelay: .seconds(30))
        ) {
            self.pollInterval = pollInterval
            self.overlapMilliseconds = overlapMilliseconds
            self.followBackoff = followBackoff
        }
    }

    /// What a run did.
    package struct Summary: Sendable, Hashable {
        /// Events handed to `deliver`.
        package var events = 0
        /// `FilterLogEvents` searches made (each may span several pages).
        package var polls = 0
        /// True when `shouldStop` ended the run.
        package var stopped = false
    }

    /// The search: group, window start and end, pattern, stream prefix.
    package var query: FilterLogEventsQuery
    /// Poll settings.
    package var settings: Settings
    let fetch: @Sendable (FilterLogEventsQuery, String?) throws(AWSError) -> FilterLogEventsPage

    /// Creates a tail over `client`.
    ///
    /// - Parameters:
    ///   - client: The CloudWatch Logs client.
    ///   - query: The search; its `startTime` is where the first poll starts.
    ///   - settings: Poll settings.
    package init(client: CloudWatchLogsClient, query: FilterLogEventsQuery, settings: Settings = Settings()) {
        self.query = query
        self.settings = settings
        self.fetch = { (query, token) throws(AWSError) in try client.filterLogEvents(query, nextToken: token) }
    }

    /// Runs one search (`follow` false) or polls until `shouldStop` (`follow` true).
    ///
    /// - Parameters:
    ///   - follow: Keep polling for new events.
    ///   - shouldStop: Checked between pages and polls; true ends the run.
    ///   - sleep: Waits between polls and after failures; should return early once `shouldStop` holds.
    ///   - notice: Receives one-line notices (retrying after throttling, a repeated token).
    ///   - deliver: Receives each event once, oldest first within a poll.
    /// - Returns: What was done.
    /// - Throws: ``AWSError`` for a failure that is not retryable (missing group, bad or
    ///   expired credentials), or any failure when not following.
    package func run(
        follow: Bool, shouldStop: () -> Bool, sleep: (Duration) -> Void,
        notice: (String) -> Void, deliver: (FilteredLogEvent) -> Void
    ) throws(AWSError) -> Summary {
        var summary = Summary()
        var deduplicator = EventDeduplicator(windowMilliseconds: settings.overlapMilliseconds)
        var current = query
        var failures = 0
        while true {
            if shouldStop() { summary.stopped = true; return summary }
            // Resume from the newest event shown, also after a poll that failed part-way:
            // pages come oldest first, so nothing older than the overlap is still to come.
            if let newest = deduplicator.newestTimestamp {
                let (back, overflow) = newest.subtractingReportingOverflow(settings.overlapMilliseconds)
                current.startTime = max(query.startTime ?? .min, overflow ? .min : back)
            }
            do {
                let ending = try LogEventPager.run(
                    fetch: { (token) throws(AWSError) in try fetch(current, token) },
                    shouldStop: shouldStop
                ) { events in
                    for event in events where deduplicator.admit(event) {
                        summary.events += 1
                        deliver(event)
                    }
                }
                summary.polls += 1
                failures = 0
                switch ending {
                case .lastPage: break
                case .stopped: summary.stopped = true; return summary
                case .repeatedToken(let token):
                    notice("CloudWatch Logs repeated nextToken '\(token.prefix(16))...' for log group '\(query.logGroupName)'; stopped paging this search")
                }
            } catch  where follow && error.isRetryable {
                failures += 1
                let wait = settings.followBackoff.delay(beforeRetry: failures - 1, random: Double.random(in: 0..<1))
                notice("\(error.message); retrying in \(Self.seconds(wait)) s")
                sleep(wait)
                continue
            }
            guard follow else { return summary }
            sleep(settings.pollInterval)
        }
    }

    /// `1.25` for 1250 ms: seconds with up to two decimals, for notices.
    static func seconds(_ duration: Duration) -> String {
        let milliseconds = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        let hundredths = (milliseconds + 5) / 10
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
