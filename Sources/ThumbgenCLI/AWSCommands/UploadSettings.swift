import ThumbgenAWS
import ThumbgenDeploy
import ThumbgenImaging
import ThumbgenService

/// `thumbgen upload`'s options, validated.
struct UploadSettings: Sendable {
    /// `--key`: the one file's key.
    var key: String?
    /// `--prefix`: put before each file's name to make its key.
    var prefix: String
    /// Wait for the thumbnails and download them.
    var wait: Bool
    /// How long `--wait` polls, in milliseconds.
    var timeout: Int
    /// Thumbnail sizes the function makes (longest side, pixels), in order, no duplicates.
    var sizes: [Int]
    /// The function's output formats, in order, no duplicates: `--format auto` or a list such
    /// as `jpeg,webp,avif`, as its `THUMBGEN_FORMAT`/`THUMBGEN_FORMATS` (decides the thumbnail
    /// keys' extensions: one key per size and format).
    var formats: [OutputFormat]
    /// `--out-dir` for `--wait` downloads.
    var outDirectory: String?
    /// Files uploaded at the same time.
    var jobs: Int
    var json: Bool
    var quiet: Bool

    /// The default `--timeout`.
    static let defaultTimeout = "60s"

    /// - Throws: ``UsageError`` naming the flag: `--key` with several files or with `--prefix`,
    ///   a bad size list, duration or job count, `--out-dir` without `--wait`.
    init(_ arguments: ParsedArguments) throws(UsageError) {
        let command = arguments.command
        key = arguments.string("key")
        prefix = arguments.string("prefix") ?? ""
        if key != nil, arguments.has("prefix") {
            throw UsageError(.conflictingOptions, "--key and --prefix cannot be used together", command: command)
        }
        if let key {
            if arguments.positionals.count != 1 {
                throw UsageError(.conflictingOptions, "--key takes exactly one FILE (got \(arguments.positionals.count)); use --prefix for several", command: command)
            }
            if key.isEmpty { throw UsageError(.invalidValue, "--key: the key is empty", command: command) }
        }
        // The function skips originals under its own output prefix (that is how it never
        // thumbnails a thumbnail), so such an upload would never get a thumbnail.
        for candidate in [key, arguments.string("prefix")].compactMap({ $0 }) where candidate.hasPrefix(ThumbnailKey.prefix) {
            throw UsageError(
                .invalidValue, "'\(candidate)' is under '\(ThumbnailKey.prefix)', where the function keeps thumbnails and ignores originals",
                command: command)
        }
        wait = arguments.has("wait")
        timeout = try DurationArgument.option(arguments, "timeout", in: 0...86_400_000) ?? 60_000
        sizes = try Self.sizes(arguments)
        formats = try FormatList.parse(arguments, "format") ?? [.auto]
        outDirectory = arguments.string("out-dir")
        if outDirectory != nil, !wait {
            throw UsageError(.conflictingOptions, "--out-dir is where --wait puts thumbnails; add --wait", command: command)
        }
        if arguments.has("timeout"), !wait {
            throw UsageError(.conflictingOptions, "--timeout is how long --wait polls; add --wait", command: command)
        }
        jobs = try arguments.integer("jobs", in: 1...64) ?? 8
        json = arguments.has("json")
        quiet = arguments.has("quiet")
    }

    /// Takes the deployed stack's formats and sizes (saved by `deploy`) for whichever of
    /// `--format` and `--sizes` the command line did not give, so `upload` predicts the keys the
    /// deployed function writes without flags. A stack value that does not parse is ignored.
    ///
    /// - Parameters:
    ///   - stack: the saved stack outputs, if found.
    ///   - arguments: the command line, to see which flags were given.
    mutating func adopt(_ stack: StackOutputs?, arguments: ParsedArguments) {
        guard let stack else { return }
        if !arguments.has("format"), let text = stack.thumbnailFormats {
            var given = arguments
            given.values["format"] = [text]
            if let formats = try? FormatList.parse(given, "format") { self.formats = formats }
        }
        if !arguments.has("sizes"), let text = stack.thumbnailSizes {
            var given = arguments
            given.values["sizes"] = [text]
            if let sizes = try? Self.sizes(given) { self.sizes = sizes }
        }
    }

    /// `--sizes 128,256`: whole numbers 1...10000, duplicates dropped.
    static func sizes(_ arguments: ParsedArguments) throws(UsageError) -> [Int] {
        guard let text = arguments.string("sizes") else { return [256] }
        var sizes: [Int] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard let size = Int(String(part.filter { $0 != " " })), (1...10_000).contains(size) else {
                throw UsageError(.invalidValue, "--sizes: '\(text)' is not a list of pixel sizes from 1 to 10000 such as 128,256", command: arguments.command)
            }
            if !sizes.contains(size) { sizes.append(size) }
        }
        return sizes
    }
}
