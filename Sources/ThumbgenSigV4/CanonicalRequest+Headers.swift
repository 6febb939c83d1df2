extension CanonicalRequest {
    /// Canonical headers: names lower-cased, values trimmed with inner runs of whitespace
    /// collapsed to one space, repeated names merged into one comma-joined value in the
    /// order given, sorted by name (byte order).
    ///
    /// Source: AWS IAM User Guide, "Create a canonical request for Signature Version 4"
    /// (`Lowercase(<HeaderName>)+":"+Trim(<value>)`; "Trimall"; repeated headers as a
    /// comma-separated list). A folded (multi-line) value counts its line break and the
    /// following indentation as one run of whitespace, giving `value1 value2 value3` as in
    /// the AWS test suite's `get-header-value-multiline`.
    ///
    /// - Parameter headers: Header fields in any case and order.
    /// - Returns: One `(name, value)` per distinct lower-case name, sorted by name.
    package static func canonicalHeaders(
        _ headers: [(name: String, value: String)]
    ) -> [(name: String, value: String)] {
        var order: [String] = []
        var values: [String: [String]] = [:]
        for header in headers {
            let name = header.name.lowercased()
            if values[name] == nil { order.append(name) }
            values[name, default: []].append(trimAll(header.value))
        }
        return
            order
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            .map { (name: $0, value: (values[$0] ?? []).joined(separator: ",")) }
    }

    /// `value` with leading and trailing whitespace removed and every inner run of
    /// spaces, tabs, CR and LF replaced by one space (the "Trimall" function).
    ///
    /// - Parameter value: A raw header value.
    /// - Returns: The trimmed value.
    package static func trimAll(_ value: String) -> String {
        var out: [UInt8] = []
        var pendingSpace = false
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"):
                pendingSpace = !out.isEmpty
            default:
                if pendingSpace { out.append(UInt8(ascii: " ")) }
                pendingSpace = false
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
