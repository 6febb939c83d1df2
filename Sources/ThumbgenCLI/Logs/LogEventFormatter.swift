import ThumbgenAWS

/// How `thumbgen logs` prints events.
enum LogOutputFormat: String, CaseIterable, Sendable {
    /// `2026-11-29T14:05:09.250Z STREAM MESSAGE`.
    case detailed
    /// `2026-11-29T14:05:09.250Z MESSAGE`.
    case short
    /// One JSON object per line: `eventId`, `ingestionTime`, `logStreamName`, `message`, `time`, `timestamp`
    /// (those the event carries; `message` always).
    case json
}

/// Turns one event into one output line (a message with newlines stays several lines).
///
/// Messages lose one trailing newline (Lambda appends one). Messages that are JSON objects
/// are shown as `LEVEL message key=value` in the text formats (see ``StructuredLogLine``).
/// With `color`, ANSI SGR colours mark the time (dim), stream (cyan) and level (red for
/// ERROR (and outcomes such as RUNTIME-ERROR), FATAL and CRITICAL, yellow for WARN/WARNING), and control characters in messages are
/// shown as `\u{1B}`-style escapes so log text cannot drive the terminal.
/// Source of the colour codes: ECMA-48, "Select Graphic Rendition".
struct LogEventFormatter: Sendable {
    var format: LogOutputFormat
    /// Colour and control-character escaping: only for a terminal with `NO_COLOR` unset.
    var color: Bool

    /// The line(s) to print for `event`.
    func line(for event: FilteredLogEvent) -> String {
        let message = Self.trimmingNewline(event.message ?? "")
        let time = event.timestamp.map(LogTime.format) ?? Self.unknown
        switch format {
        case .json:
            return JSONLine.encode(
                JSONEvent(
                    eventId: event.eventId, ingestionTime: event.ingestionTime,
                    logStreamName: event.logStreamName, message: message,
                    time: event.timestamp.map(LogTime.format), timestamp: event.timestamp))
        case .short:
            return "\(paint(time, Self.dim)) \(readable(message))"
        case .detailed:
            return "\(paint(time, Self.dim)) \(paint(event.logStreamName ?? Self.unknown, Self.cyan)) \(readable(message))"
        }
    }

    /// The message as shown in the text formats.
    ///
    /// A plain message is escaped only for a terminal (piped output keeps its bytes, as
    /// `aws logs tail` does). A structured (JSON) line is re-rendered by us from decoded
    /// strings, so its pieces are always escaped, newlines included: a `\u001b` or `\n` inside
    /// a JSON field can neither drive the terminal nor fake another log line.
    func readable(_ message: String) -> String {
        guard let structured = StructuredLogLine(message) else { return color ? Self.escapingControls(message) : message }
        let level = structured.level.map { paint(Self.escapingControls($0, newlines: true), Self.levelColor($0)) }
        let rest = ([structured.message].compactMap { $0 } + structured.fields).map { Self.escapingControls($0, newlines: true) }
        return ([level].compactMap { $0 } + rest).joined(separator: " ")
    }

    private func paint(_ text: String, _ code: String?) -> String {
        guard color, let code else { return text }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }

    /// Shown for a time or stream the event did not carry.
    private static let unknown = "-"
    private static let dim = "2"
    private static let cyan = "36"

    private static func levelColor(_ level: String) -> String? {
        if level.contains("ERROR") || level == "FATAL" || level == "CRITICAL" { return "31" }
        if level.hasPrefix("WARN") { return "33" }
        return nil
    }

    /// Drops one trailing `\n` or `\r\n`.
    static func trimmingNewline(_ text: String) -> String {
        text.hasSuffix("\n") || text.hasSuffix("\r\n") ? String(text.dropLast()) : text
    }

    /// C0 controls other than tab (and newline, unless `newlines`), DEL and C1 controls as `\u{XX}`.
    static func escapingControls(_ text: String, newlines: Bool = false) -> String {
        let escaped = { (scalar: Unicode.Scalar) in isControl(scalar) || (newlines && scalar == "\n") }
        guard text.unicodeScalars.contains(where: escaped) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if escaped(scalar) {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                result += "\\u{\(hex.count < 2 ? "0" + hex : hex)}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\n" && scalar != "\t") || (0x7F...0x9F).contains(scalar.value)
    }

    private struct JSONEvent: Encodable {
        var eventId: String?
        var ingestionTime: Int64?
        var logStreamName: String?
        var message: String
        var time: String?
        var timestamp: Int64?
    }
}
