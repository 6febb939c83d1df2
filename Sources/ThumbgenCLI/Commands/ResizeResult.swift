/// One finished file of a resize batch.
struct ResizeResult: Sendable, Equatable, Encodable {
    var input: String
    var output: String
    /// Thumbnail size, in pixels.
    var width: Int
    var height: Int
    /// Size of the input file, in bytes.
    var bytesIn: Int
    /// Size of the thumbnail file, in bytes.
    var bytes: Int
    /// Wall time for read + thumbnail + write, in milliseconds.
    var milliseconds: Int

    private enum CodingKeys: String, CodingKey {
        case input, output, width, height, bytes, milliseconds
    }

    /// `{"bytes":…,"height":…,"input":…,"milliseconds":…,"output":…,"width":…}`
    var jsonLine: String { JSONLine.encode(self) }
}

/// A failed file in `--json` output: `{"error":…,"input":…}`.
struct ResizeFailure: Sendable, Encodable {
    var input: String
    var error: String
}

/// How one thumbnail of a batch ended.
enum ResizeOutcome: Sendable {
    case success(ResizeResult)
    case failure(input: String, message: String)
    /// `--skip-existing` found every output of the input newer than it.
    case skipped(input: String)
}

/// The totals of a batch, counted in input files.
struct ResizeSummary: Sendable {
    /// Input files in the batch (including those that failed before any work).
    var total = 0
    var done = 0
    var failed = 0
    var skipped = 0
    var bytesIn = 0
    var bytesOut = 0
    var elapsed: Duration = .zero
    /// Whether Ctrl-C stopped the batch before every file was taken.
    var interrupted = false

    /// Input files finished one way or another.
    var finished: Int { done + failed + skipped }

    /// e.g. `12 files: 11 done, 1 failed; 24.1 MB in, 310.2 KB out; 0.41 s`, with `, N skipped`
    /// after `failed` when `showSkipped`, and `interrupted after 16 of 36 files: …` when stopped.
    func line(showSkipped: Bool) -> String {
        let millis = elapsed.milliseconds
        let seconds = "\(millis / 1000).\(String(millis % 1000 / 10 + 100).dropFirst()) s"
        let files =
            interrupted && finished < total
            ? "interrupted after \(finished) of \(total) files"
            : "\(total) file\(total == 1 ? "" : "s")"
        let skippedPart = showSkipped || skipped > 0 ? ", \(skipped) skipped" : ""
        return "\(files): \(done) done, \(failed) failed\(skippedPart); "
            + "\(ByteCount.format(bytesIn)) in, \(ByteCount.format(bytesOut)) out; \(seconds)"
    }
}
