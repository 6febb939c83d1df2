import ThumbgenAWS

/// `thumbgen fetch`: downloads the thumbnails of originals by key, or prints presigned URLs.
struct FetchCommand: Command {
    let name = "fetch"
    let summary = "Download the thumbnails of uploaded originals, or print presigned URLs"
    var discussion: String {
        """
        Each KEY is an original's key in the originals bucket (as 'thumbgen upload' printed it). Its
        thumbnail is thumbnails/SIZE/KEY.jpg (or .png) in the thumbnails bucket. Output names: with
        -o, that file (one KEY only); with --out-dir DIR, DIR/NAME.jpg; otherwise NAME.thumb.jpg in
        the current folder, NAME being the key's last part without extension. Downloads go to a
        temporary file renamed when complete. --presign prints a GET URL valid for --expires
        (at most 7 days) instead of downloading, signed locally without a request when the
        thumbnail key is known (--format jpeg or png, or auto with a .jpg/.jpeg original).

        A missing thumbnail is an error that says whether the original exists (HEAD on the originals
        bucket): if it does, the function has not written the thumbnail yet or failed on it; --wait
        polls (HEAD, backing off from 0.25 s to 5 s) until it appears or --timeout passes.

        \(AWSCommandOptions.discussion)
        """
    }
    let positionals = [PositionalSpec(name: "KEY", help: "Keys of originals", repeating: true, required: true)]
    let options: [OptionSpec] =
        [
            .value("output", short: "o", valueName: "PATH", help: "Output file (one KEY only)"),
            .value("out-dir", short: "d", valueName: "DIR", help: "Folder for the thumbnails (created if missing)"),
            .value("size", short: "s", valueName: "N", help: "Thumbnail size, in pixels (one of the function's THUMBGEN_SIZES)", default: "256"),
            .value("format", short: "f", valueName: "FORMAT", help: "The function's thumbnail format: auto (try .jpg, then .png), jpeg, png, webp or avif", default: "auto"),
            .flag("wait", help: "Wait for thumbnails that do not exist yet"),
            .value("timeout", valueName: "DURATION", help: "How long --wait polls, e.g. 90s, 5m", default: "60s"),
            .flag("presign", help: "Print a presigned GET URL instead of downloading"),
            .value("expires", valueName: "DURATION", help: "Lifetime of --presign URLs, 1s to 7d", default: FetchSettings.defaultExpires),
            .value("jobs", short: "j", valueName: "N", help: "Keys fetched at the same time", default: "8"),
            .flag("json", help: "Print one JSON object per key on stdout (key, bucket, thumbnailKey, output, bytes or url, expiresIn)"),
            .flag("quiet", help: "Print only errors"),
        ] + AWSCommandOptions.specs

    func run(_ arguments: ParsedArguments, context: CommandContext) throws -> Int32 {
        let settings = try FetchSettings(arguments)
        if let empty = arguments.positionals.firstIndex(where: \.isEmpty) {
            throw UsageError(.invalidValue, "KEY number \(empty + 1) is empty", command: name)
        }
        let buckets = BucketResolver(arguments, environment: context.environment, currentDirectory: BucketResolver.currentDirectory())
        let thumbnails = try buckets.require(.thumbnails)
        let client = try AWSCommandOptions.makeClient(
            arguments, environment: context.environment, stackRegion: buckets.stackRegion,
            stackEndpoint: buckets.stackEndpoint)
        let runner = FetchRunner(
            settings: settings, keys: arguments.positionals, client: client, thumbnailsBucket: thumbnails,
            originalsBucket: buckets.bucket(.originals), console: context.console)
        return runner.run()
    }
}
