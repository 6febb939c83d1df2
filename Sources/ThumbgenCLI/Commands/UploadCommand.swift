import ThumbgenAWS
import ThumbgenImaging

/// `thumbgen upload`: puts JPEG/PNG originals into the originals bucket, where the deployed
/// function makes their thumbnails; `--wait` brings the thumbnails back.
struct UploadCommand: Command {
    let name = "upload"
    let summary = "Upload JPEG and PNG originals to the originals bucket"
    var discussion: String {
        """
        Each FILE must be a JPEG or PNG by content (its first bytes, not its name); if any is not,
        nothing is uploaded. Content-Type comes from the same bytes. Keys: --key K for one file,
        else PREFIX + the file's name (--prefix photos/ gives photos/cat.jpg), like 'aws s3 cp'.
        Files above 16 MiB go up in 16 MiB parts, 4 at a time; a failed upload is aborted, so no
        partial object or parts remain. A byte progress bar is drawn on a terminal for batches and
        large files.

        For each original, prints its s3:// location and the thumbnail keys the function will write
        (thumbnails/SIZE/KEY.jpg, or .png for PNG originals with transparency); --sizes and --format
        must match the function's THUMBGEN_SIZES and THUMBGEN_FORMAT. --wait polls the thumbnails
        bucket (HEAD, backing off from 0.25 s to 5 s) until each thumbnail exists or --timeout passes,
        then downloads it to NAME.thumb.jpg beside the file (NAME-SIZE.thumb.jpg for several sizes),
        or into --out-dir.

        \(AWSCommandOptions.discussion)
        """
    }
    let positionals = [PositionalSpec(name: "FILE", help: "JPEG or PNG files to upload", repeating: true, required: true)]
    let options: [OptionSpec] = [
        .value("key", valueName: "KEY", help: "Object key (one FILE only)"),
        .value("prefix", valueName: "PREFIX", help: "Put PREFIX before each file's name to make its key", default: "none"),
        .flag("wait", help: "Wait for the thumbnails and download them"),
        .value("timeout", valueName: "DURATION", help: "How long --wait polls, e.g. 90s, 5m", default: UploadSettings.defaultTimeout),
        .value("out-dir", short: "d", valueName: "DIR", help: "Folder for --wait downloads (created if missing)"),
        .value("sizes", valueName: "LIST", help: "Thumbnail sizes the function makes, in pixels, e.g. 128,256", default: "256"),
        .value("format", short: "f", valueName: "FORMAT", help: "The function's thumbnail format: auto, jpeg or png", default: "auto"),
        .value("jobs", short: "j", valueName: "N", help: "Files uploaded at the same time", default: "8"),
        .flag("json", help: "Print one JSON object per file on stdout (file, bucket, key, bytes, contentType, thumbnails)"),
        .flag("quiet", help: "Print only errors"),
    ] + AWSCommandOptions.specs

    func run(_ arguments: ParsedArguments, context: CommandContext) throws -> Int32 {
        let settings = try UploadSettings(arguments)
        // Every file is checked before any byte is sent.
        var items: [UploadItem] = []
        var refused = false
        for (index, path) in arguments.positionals.enumerated() {
            do {
                items.append(try UploadItem.inspect(path, index: index, settings: settings))
            } catch {
                refused = true
                context.console.errorLine("thumbgen: \(error)")
                if settings.json { context.console.line(JSONLine.encode(TransferFailure(file: path, error: "\(error)"))) }
            }
        }
        if refused {
            context.console.errorLine("thumbgen: nothing uploaded")
            return 1
        }
        if let duplicate = UploadItem.firstDuplicateKey(items) {
            throw UsageError(.conflictingOptions, "two files would be uploaded as the same key '\(duplicate)'; use --key or --prefix", command: name)
        }
        let buckets = BucketResolver(arguments, environment: context.environment, currentDirectory: BucketResolver.currentDirectory())
        let originals = try buckets.require(.originals)
        let thumbnails = settings.wait ? try buckets.require(.thumbnails) : buckets.bucket(.thumbnails)
        if thumbnails == originals {
            throw UsageError(.conflictingOptions, "the originals and thumbnails buckets are both '\(originals)'; the function refuses that (its own output would trigger it again)",
                             command: name)
        }
        let client = try AWSCommandOptions.makeClient(arguments, environment: context.environment, stackRegion: buckets.stackRegion,
                                                      stackEndpoint: buckets.stackEndpoint)
        let runner = UploadRunner(settings: settings, items: items, client: client, originalsBucket: originals,
                                  thumbnailsBucket: thumbnails, console: context.console)
        return runner.run()
    }
}
