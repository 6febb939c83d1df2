/// JSON string literals for hand-written JSON (log records, small documents whose key order
/// matters to the people reading them).
package enum JSONString {
    /// `text` as a JSON string literal, quotes included (RFC 8259 §7 escapes).
    package static func quoted(_ text: String) -> String {
        var out = ""
        write(text, into: &out)
        return out
    }

    /// Appends `text` as a JSON string: `"` `\` and control characters escaped (RFC 8259 section 7).
    package static func write(_ text: String, into out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = Array("0123456789abcdef".utf8)
                let v = Int(scalar.value)
                out += "\\u00" + String(decoding: [hex[v >> 4], hex[v & 15]], as: UTF8.self)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
