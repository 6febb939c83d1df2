/// What to ask `FilterLogEvents` for: a group, a time window, a pattern and a stream prefix.
///
/// Source: Amazon CloudWatch Logs API Reference, "FilterLogEvents" (request parameters).
package struct FilterLogEventsQuery: Sendable, Hashable {
    /// The log group name, e.g. `/aws/lambda/thumbgen`.
    package var logGroupName: String
    /// Earliest event time, inclusive, in milliseconds since the epoch; nil for no bound.
    package var startTime: Int64?
    /// Latest event time, inclusive, in milliseconds since the epoch; nil for no bound.
    package var endTime: Int64?
    /// A CloudWatch Logs filter pattern (`ERROR`, `"exact phrase"`, `{ $.level = "ERROR" }`); nil for all events.
    package var filterPattern: String?
    /// Only streams whose names start with this; nil for all streams.
    package var logStreamNamePrefix: String?
    /// Maximum events per page, 1 to 10 000; nil for the service default (10 000).
    package var limit: Int?

    /// Creates a query.
    ///
    /// - Parameters:
    ///   - logGroupName: The group.
    ///   - startTime: Inclusive lower bound, ms since the epoch.
    ///   - endTime: Inclusive upper bound, ms since the epoch.
    ///   - filterPattern: The filter pattern.
    ///   - logStreamNamePrefix: The stream name prefix.
    ///   - limit: Events per page.
    package init(
        logGroupName: String, startTime: Int64? = nil, endTime: Int64? = nil, filterPattern: String? = nil,
        logStreamNamePrefix: String? = nil, limit: Int? = nil
    ) {
        self.logGroupName = logGroupName
        self.startTime = startTime
        self.endTime = endTime
        self.filterPattern = filterPattern
        self.logStreamNamePrefix = logStreamNamePrefix
        self.limit = limit
    }

    /// Whether `event` satisfies the stream prefix. The service applies the prefix itself;
    /// this check also holds when an emulator ignores `logStreamNamePrefix`.
    package func admits(_ event: FilteredLogEvent) -> Bool {
        guard let prefix = logStreamNamePrefix, !prefix.isEmpty else { return true }
        return event.logStreamName?.hasPrefix(prefix) ?? false
    }
}

/// The JSON body of a `FilterLogEvents` request.
struct FilterLogEventsBody: Encodable {
    var logGroupName: String
    var startTime: Int64?
    var endTime: Int64?
    var filterPattern: String?
    var logStreamNamePrefix: String?
    var limit: Int?
    var nextToken: String?
    /// Deprecated and always true on AWS; emulators still need it to sort across streams.
    var interleaved = true

    init(_ query: FilterLogEventsQuery, nextToken: String?) {
        logGroupName = query.logGroupName
        startTime = query.startTime
        endTime = query.endTime
        filterPattern = query.filterPattern.flatMap { $0.isEmpty ? nil : $0 }
        logStreamNamePrefix = query.logStreamNamePrefix.flatMap { $0.isEmpty ? nil : $0 }
        limit = query.limit
        self.nextToken = nextToken
    }
}
