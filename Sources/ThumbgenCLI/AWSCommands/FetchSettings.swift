import ThumbgenImaging

/// `thumbgen fetch`'s options, validated.
struct FetchSettings: Sendable {
    /// `-o`: the one key's output file.
    var output: String?
    /// `--out-dir`.
    var outDirectory: String?
    /// Thumbnail size, longest side in pixels.
    var size: Int
    /// The function's format; `auto` tries `.jpg` then `.png`.
    var format: OutputFormat
    var wait: Bool
    /// How long `--wait` polls, in milliseconds.
    var timeout: Int
    var presign: Bool
    /// Presigned URL validity, in seconds (1 s to 7 days).
    var expires: Int
    var jobs: Int
    var json: Bool
    var quiet: Bool

    /// The default `--expires`.
    static let defaultExpires = "1h"

    /// - Throws: ``UsageError`` naming the flag: `-o` with several keys or with `--out-dir`,
    ///   `--presign` with an output, `--expires` without `--presign`, bad numbers or durations.
    init(_ arguments: ParsedArguments) throws(UsageError) {
        let command = arguments.command
        output = arguments.string("output")
        outDirectory = arguments.string("out-dir")
        if output != nil, outDirectory != nil {
            throw UsageError(.conflictingOptions, "-o/--output and --out-dir cannot be used together", command: command)
        }
        if output != nil, arguments.positionals.count != 1 {
            throw UsageError(.conflictingOptions, "-o/--output takes exactly one KEY (got \(arguments.positionals.count)); use --out-dir for several", command: command)
        }
        size = try arguments.integer("size", in: 1...10_000) ?? 256
        format = try arguments.choice("format", as: OutputFormat.self) ?? .auto
        wait = arguments.has("wait")
        timeout = try DurationArgument.option(arguments, "timeout", in: 0...86_400_000) ?? 60_000
        if arguments.has("timeout"), !wait {
            throw UsageError(.conflictingOptions, "--timeout is how long --wait polls; add --wait", command: command)
        }
        presign = arguments.has("presign")
        if presign, output != nil || outDirectory != nil {
            throw UsageError(.conflictingOptions, "--presign prints URLs and downloads nothing; leave out -o and --out-dir", command: command)
        }
        if arguments.has("expires"), !presign {
            throw UsageError(.conflictingOptions, "--expires is the lifetime of --presign URLs; add --presign", command: command)
        }
        expires = (try DurationArgument.option(arguments, "expires", in: 1000...604_800_000) ?? 3_600_000) / 1000
        jobs = try arguments.integer("jobs", in: 1...64) ?? 8
        json = arguments.has("json")
        quiet = arguments.has("quiet")
    }
}
