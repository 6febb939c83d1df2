/// One log event as `FilterLogEvents` returns it.
///
/// Source: Amazon CloudWatch Logs API Reference, "FilteredLogEvent".
public struct FilteredLogEvent: Sendable, Hashable, Codable {
    /// The event's id, unique within its log group on AWS (emulators may only make it unique per stream).
    public var eventId: String
    /// When the event happened, in milliseconds since 1970-01-01T00:00:00Z.
    public var timestamp: Int64
    /// When CloudWatch Logs received it, in milliseconds since 1970-01-01T00:00:00Z.
    public var ingestionTime: Int64?
    /// The stream the event belongs to, e.g. `2026/11/29/[$LATEST]0123abcd`.
    public var logStreamName: String
    /// The raw message, usually ending in a newline when written by Lambda.
    public var message: String

    /// Creates an event.
    ///
    /// - Parameters:
    ///   - eventId: The event id.
    ///   - timestamp: Milliseconds since the epoch.
    ///   - ingestionTime: Milliseconds since the epoch, if known.
    ///   - logStreamName: The stream name.
    ///   - message: The message text.
    public init(eventId: String, timestamp: Int64, ingestionTime: Int64? = nil, logStreamName: String, message: String) {
        self.eventId = eventId
        self.timestamp = timestamp
        self.ingestionTime = ingestionTime
        self.logStreamName = logStreamName
        self.message = message
    }

    /// What identifies the event for de-duplication: the stream name and the event id
    /// (the pair is unique on AWS and on emulators whose ids only count per stream).
    public var identity: String { "\(logStreamName)\u{0}\(eventId)" }
}

/// An event to upload with `PutLogEvents`.
///
/// Source: Amazon CloudWatch Logs API Reference, "InputLogEvent".
public struct InputLogEvent: Sendable, Hashable, Codable {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public var timestamp: Int64
    /// The message text (at most 256 KiB including 26 bytes of overhead per event).
    public var message: String

    /// Creates an event.
    ///
    /// - Parameters:
    ///   - timestamp: Milliseconds since the epoch.
    ///   - message: The message text.
    public init(timestamp: Int64, message: String) {
        self.timestamp = timestamp
        self.message = message
    }
}
