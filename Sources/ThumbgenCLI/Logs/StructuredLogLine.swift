import FoundationEssentials

/// A log message that is one JSON object, made readable: `ERROR message key=value key="two words"`.
///
/// Two shapes are common: the function's own line per event (ThumbgenLambda's `LambdaLogRecord`:
/// `{"requestId": "...", "key": "...", "outcome": "error", "errorType": "...", "error": "...", "ms": 12}`)
/// and Lambda's JSON log format (`{"timestamp": "...", "level": "ERROR", "message": "...", "requestId": "..."}`).
/// Level keys tried: `level`, `levelname`, `severity`, `outcome`; message keys: `message`, `msg`, `error`.
/// Timestamp keys (`timestamp`, `time`, `ts`) are dropped: the event's own time is shown.
/// Source of the Lambda fields: AWS Lambda Developer Guide, "Configuring JSON and plain text log formats".
struct StructuredLogLine: Sendable, Equatable {
    /// The level, upper case, e.g. `ERROR`; nil when the object has none.
    var level: String?
    /// The message field; nil when the object has none.
    var message: String?
    /// The other fields as `key=value` (values quoted when they hold spaces), keys sorted.
    var fields: [String]

    /// Parses `text` when it is a JSON object; nil for anything else (plain lines stay as they are).
    ///
    /// - Parameter text: An event message without its trailing newline.
    init?(_ text: String) {
        guard text.first == "{", text.last == "}",
            let object = try? JSONDecoder().decode([String: JSONValue].self, from: Data(text.utf8))
        else { return nil }
        var rest = object
        level = Self.take(["level", "levelname", "severity", "outcome"], from: &rest).map { $0.plainText.uppercased() }
        message = Self.take(["message", "msg", "error"], from: &rest).map(\.plainText)
        _ = Self.take(["timestamp", "time", "ts"], from: &rest)
        fields = rest.keys.sorted().map { key in "\(key)=\(Self.quoted(rest[key]?.plainText ?? ""))" }
    }

    /// The readable line without colour: `LEVEL message key=value ...`.
    var text: String {
        ([level, message].compactMap { $0 } + fields).joined(separator: " ")
    }

    private static func take(_ keys: [String], from object: inout [String: JSONValue]) -> JSONValue? {
        for key in keys {
            if let value = object.removeValue(forKey: key) { return value }
        }
        return nil
    }

    private static func quoted(_ value: String) -> String {
        guard value.isEmpty || value.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" }) else { return value }
        return "\"" + value.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"") + "\""
    }
}

/// Any JSON value, for reading objects whose fields are not known in advance.
indirect enum JSONValue: Sendable, Equatable, Codable {
    case string(String)
    case integer(Int64)
    case number(Double)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .bool(let value): try container.encode(value)
        case .null: try container.encodeNil()
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// Strings as they are, numbers and booleans as literals, arrays and objects as compact JSON.
    var plainText: String {
        switch self {
        case .string(let value): value
        case .integer(let value): String(value)
        case .number(let value): String(value)
        case .bool(let value): String(value)
        case .null: "null"
        case .array, .object: JSONLine.encode(self)
        }
    }
}
