/// Request-controlled text made safe for a one-line log record.
enum LogText {
    /// `text` with every byte that could break or forge a log line written as `\xHH`: C0
    /// controls (CR and LF start a forged line, ESC reaches the terminal), DEL, `"` (ends the
    /// quoted request) and `\` (so an escape in the input cannot pass for one of ours). Other
    /// bytes, UTF-8 included, are kept.
    ///
    /// - Parameter text: A request target, key or header value as received or decoded.
    /// - Returns: The text on one line, reversible by reading each `\xHH` back.
    static func escaped(_ text: String) -> String {
        guard text.utf8.contains(where: needsEscape) else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 16)
        let digits = Array("0123456789ABCDEF".utf8)
        for byte in text.utf8 {
            if needsEscape(byte) {
                bytes += [UInt8(ascii: "\\"), UInt8(ascii: "x"), digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]]
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == 0x7F || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }
}
