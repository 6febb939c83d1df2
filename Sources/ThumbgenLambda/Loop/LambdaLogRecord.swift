import ThumbgenBasics

/// The fields of the one structured log line written per event: ordered `name: value`
/// pairs rendered as one JSON object, which CloudWatch Logs indexes field by field.
///
/// The run loop adds `requestId`, `outcome` and `ms`; a handler adds its own (event kind,
/// key, sizes) through the `inout` record it is given, which keeps them even when it throws.
package struct LambdaLogRecord: Sendable {
    /// A JSON value.
    package indirect enum Value: Sendable, Hashable {
        case string(String)
        case int(Int64)
        case bool(Bool)
        case array([Value])
        case object([Field])
    }

    /// One named value.
    package struct Field: Sendable, Hashable {
        /// The JSON key.
        package var name: String
        /// The value.
        package var value: Value

        /// Creates a field.
        package init(_ name: String, _ value: Value) {
            self.name = name
            self.value = value
        }
    }

    /// The fields in output order; a later field with the same name replaces the earlier one.
    public private(set) var fields: [Field] = []

    /// Creates an empty record.
    package init() {}

    /// Sets the field `name` to `value`, replacing an earlier one of that name in place.
    ///
    /// - Parameters:
    ///   - name: The JSON key.
    ///   - value: The value.
    package mutating func set(_ name: String, _ value: Value) {
        if let index = fields.firstIndex(where: { $0.name == name }) {
            fields[index].value = value
        } else {
            fields.append(Field(name, value))
        }
    }

    /// Sets a string field.
    package mutating func set(_ name: String, _ value: String) { set(name, .string(value)) }

    /// Sets an integer field (bytes, pixels, milliseconds: the name says which).
    package mutating func set(_ name: String, _ value: Int) { set(name, .int(Int64(value))) }

    /// The record as one line of JSON (RFC 8259), no trailing newline.
    package var jsonLine: String {
        var out = ""
        Self.write(.object(fields), into: &out)
        return out
    }

    private static func write(_ value: Value, into out: inout String) {
        switch value {
        case .string(let text): JSONString.write(text, into: &out)
        case .int(let number): out += String(number)
        case .bool(let flag): out += flag ? "true" : "false"
        case .array(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                write(item, into: &out)
            }
            out += "]"
        case .object(let fields):
            out += "{"
            for (index, field) in fields.enumerated() {
                if index > 0 { out += "," }
                JSONString.write(field.name, into: &out)
                out += ":"
                write(field.value, into: &out)
            }
            out += "}"
        }
    }

}
