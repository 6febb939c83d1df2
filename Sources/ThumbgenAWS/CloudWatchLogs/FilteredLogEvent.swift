/// One log event as `FilterLogEvents` returns it.
///
/// Source: Amazon CloudWatch Logs API Reference, "FilteredLogEvent": every member is
/// optional ("Required: No"), so each is decoded only when present; emulators leave some out
/// (MiniStack sends no `eventId`).
package struct FilteredLogEvent: Sendable, Hashable, Codable {
    /// The event's id, unique within its log group on AWS (emulators may only make it unique per stream).
    package var eventId: String?
    /// When the event happened, in milliseconds since 1970-01-01T00:00:00Z.
    package var timestamp: Int64?
    /// When CloudWatch Logs received it, in milliseconds since 1970-01-01T00:00:00Z.
    package var ingestionTime: Int64?
    /// The stream the event belongs to, e.g. `2026/11/29/[$LATEST]0123abcd`.
    package var logStreamName: String?
    /// The raw message, usually ending in a newline when written by Lambda.
    package var message: String?

    /// Creates an event.
    ///
    /// - Parameters:
    ///   - eventId: The event id, if any.
    ///   - timestamp: Milliseconds since the epoch, if known.
    ///   - ingestionTime: Milliseconds since the epoch, if known.
    ///   - logStreamName: The stream name, if known.
    ///   - message: The message text, if any.
    package init(eventId: String? = nil, timestamp: Int64? = nil, ingestionTime: Int64? = nil, logStreamName: String? = nil, message: String? = nil) {
        self.eventId = eventId
        self.timestamp = timestamp
        self.ingestionTime = ingestionTime
        self.logStreamName = logStreamName
        self.message = message
    }

    /// What identifies the event for de-duplication: the stream name and the event id (the
    /// pair is unique on AWS and on emulators whose ids only count per stream); without an id,
    /// the stream, timestamp and message (two identical lines in the same millisecond of one
    /// stream are then shown once).
    package var identity: String {
        let stream = logStreamName ?? ""
        if let eventId { return "id\u{0}\(stream)\u{0}\(eventId)" }
        return "text\u{0}\(stream)\u{0}\(timestamp.map(String.init) ?? "")\u{0}\(message ?? "")"
    }
}

/// An event to upload with `PutLogEvents`.
///
/// Source: Amazon CloudWatch Logs API Reference, "InputLogEvent".
package struct InputLogEvent: Sendable, Hashable, Codable {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    package var timestamp: Int64
    /// The message text (at most 256 KiB including 26 bytes of overhead per event).
    package var message: String

    /// Creates an event.
    ///
    /// - Parameters:
    ///   - timestamp: Milliseconds since the epoch.
    ///   - message: The message text.
    package init(timestamp: Int64, message: String) {
        self.timestamp = timestamp
        self.message = message
    }
}
