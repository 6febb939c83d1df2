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

/// How one file of a batch ended.
enum ResizeOutcome: Sendable {
    case success(ResizeResult)
    case failure(input: String, message: String)
}

/// The totals of a batch.
struct ResizeSummary: Sendable {
    var done = 0
    var failed = 0
    var bytesIn = 0
    var bytesOut = 0
    var elapsed: Duration = .zero

    /// e.g. `12 files: 11 done, 1 failed; 24.1 MB in, 310.2 KB out; 0.41 s`
    var line: String {
        let total = done + failed
        let millis = elapsed.milliseconds
        let seconds = "\(millis / 1000).\(String(millis % 1000 / 10 + 100).dropFirst()) s"
        return "\(total) file\(total == 1 ? "" : "s"): \(done) done, \(failed) failed; "
            + "\(ByteCount.format(bytesIn)) in, \(ByteCount.format(bytesOut)) out; \(seconds)"
    }
}
