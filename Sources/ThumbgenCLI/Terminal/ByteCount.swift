/// Human-readable byte counts with binary-free decimal units, as `aws s3` prints them.
enum ByteCount {
    /// `512 B`, `1.5 KB`, `24.1 MB`, `3.2 GB` (1 KB = 1000 bytes), one decimal.
    static func format(_ bytes: Int) -> String {
        let units = ["B", "KB", "MB", "GB", "TB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1000, unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        if unit == 0 { return "\(bytes) B" }
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10) \(units[unit])"
    }
}
