import FoundationEssentials

/// One JSON object per line, for `--json` output that scripts read line by line.
enum JSONLine {
    /// Encodes `value` on one line with sorted keys and unescaped slashes.
    ///
    /// - Returns: the JSON text, or `{}` if the value cannot be encoded (never for the
    ///   plain structs used here).
    static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
