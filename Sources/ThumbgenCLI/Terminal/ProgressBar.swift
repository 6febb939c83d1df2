/// A one-line progress bar on standard error, redrawn in place with `\r`.
///
/// Drawn only when standard error is a terminal (the caller decides); `clear()` before
/// printing a normal line, so lines and bar never mix.
final class ProgressBar: @unchecked Sendable {
    private let total: Int
    private let console: Console
    private let width = 30
    private var completed = 0

    init(total: Int, console: Console) {
        self.total = max(total, 1)
        self.console = console
    }

    /// Redraws the bar with `completed` of `total` done. Call under the caller's lock.
    func update(completed: Int) {
        self.completed = completed
        let filled = completed * width / total
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        console.errorRaw("\r[\(bar)] \(completed)/\(total)")
    }

    /// Erases the bar so that a normal line can be written.
    func clear() {
        console.errorRaw("\r\u{1B}[K")
    }

    /// Erases the bar for good.
    func finish() { clear() }
}
