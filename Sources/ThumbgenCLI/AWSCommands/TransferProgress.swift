import ThumbgenBasics

/// A byte-counting progress bar on standard error for uploads and downloads:
/// `[#########---------------------] 61.2 MB / 200.0 MB  3/12 files  48.1 MB/s`.
///
/// Drawn only when standard error is a terminal and the transfer is worth showing (the
/// caller decides); redrawn at most every 100 ms. Thread-safe: transfers on several threads
/// report through ``update(file:bytes:)``.
final class TransferProgress: @unchecked Sendable {
    private let console: Console
    private let totalBytes: Int64
    private let totalFiles: Int
    private let lock = Lock()
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant
    private var lastDraw: ContinuousClock.Instant?
    /// Bytes moved by transfers still running, by file index (callbacks report running totals).
    private var inFlight: [Int: Int64] = [:]
    private var finishedBytes: Int64 = 0
    private var finishedFiles = 0
    private let width = 30

    /// - Parameters:
    ///   - totalBytes: Bytes of every file together.
    ///   - totalFiles: Number of files.
    ///   - console: Where to draw.
    init(totalBytes: Int64, totalFiles: Int, console: Console) {
        self.totalBytes = max(totalBytes, 1)
        self.totalFiles = totalFiles
        self.console = console
        start = clock.now
    }

    /// Whether a transfer of `files` files and `bytes` bytes gets a bar: batches, and files of 8 MB or more.
    static func isWorthShowing(files: Int, bytes: Int64) -> Bool { files > 1 || bytes >= 8_000_000 }

    /// Records that file number `file` has moved `bytes` bytes so far (a retry may start again at 0).
    func update(file: Int, bytes: Int64) {
        lock.withLock {
            inFlight[file] = bytes
            drawIfDue()
        }
    }

    /// Records that file number `file` is done (successfully or not) after `bytes` bytes.
    func finish(file: Int, bytes: Int64) {
        lock.withLock {
            inFlight[file] = nil
            finishedBytes += bytes
            finishedFiles += 1
            drawIfDue(force: true)
        }
    }

    /// Writes a normal line to standard output without tearing the bar: erase, print, redraw.
    func printing(_ body: () -> Void) {
        lock.withLock {
            console.errorRaw("\r\u{1B}[K")
            body()
            drawIfDue(force: true)
        }
    }

    /// Erases the bar for good.
    func close() {
        lock.withLock { console.errorRaw("\r\u{1B}[K") }
    }

    /// Called under the lock.
    private func drawIfDue(force: Bool = false) {
        let now = clock.now
        if !force, let lastDraw, now - lastDraw < .milliseconds(100) { return }
        lastDraw = now
        let done = min(finishedBytes + inFlight.values.reduce(0, +), totalBytes)
        let filled = Int(done * Int64(width) / totalBytes)
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        var text = "\r[\(bar)] \(ByteCount.format(Int(done))) / \(ByteCount.format(Int(totalBytes)))"
        if totalFiles > 1 { text += "  \(finishedFiles)/\(totalFiles) files" }
        let seconds = Double((now - start).milliseconds) / 1000
        if seconds >= 0.5 { text += "  \(ByteCount.format(Int(Double(done) / seconds)))/s" }
        console.errorRaw(text + "\u{1B}[K")
    }
}
