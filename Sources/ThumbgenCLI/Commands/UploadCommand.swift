import ThumbgenAWS
import ThumbgenBasics
import ThumbgenImaging

/// `thumbgen upload`: puts JPEG/PNG originals into the originals bucket, where the deployed
/// function makes their thumbnails; `--wait` brings the thumbnails back.
struct UploadCommand: Command {
    let name = "upload"
    let summary = "Upload JPEG, PNG, WebP and AVIF originals to the originals bucket"
    var discussion: String {
        """
        Each FILE must be a JPEG, PNG, WebP or AVIF by content (its first bytes, not its name); if
        any is not, nothing is uploaded. A folder needs --recursive: its files (sub-folders too,
        hidden ones skipped) are uploaded with their path below it in the key, like 'aws s3 cp
        --recursive'; files in it that are not images are skipped with a note. Content-Type comes from the same bytes. Keys: --key K for one file,
        else PREFIX + the file's name (--prefix photos/ gives photos/cat.jpg), like 'aws s3 cp'.
        Files above 16 MiB go up in 16 MiB parts, 4 at a time; a failed upload is aborted, so no
        partial object or parts remain. A byte progress bar is drawn on a terminal for batches and
        large files.

        For each original, prints its s3:// location and the thumbnail keys the function will write
        (thumbnails/SIZE/KEY.EXT: .jpg, or .png for originals with transparency under auto, .webp,
        .avif; one per size and format); --sizes and --format must match the function's
        THUMBGEN_SIZES and THUMBGEN_FORMAT(S), e.g. --format jpeg,webp,avif; without them, the
        formats and sizes the deployed stack was made with (saved by deploy) are used. --wait
        polls the thumbnails bucket (HEAD, backing off from 0.25 s to 5 s) until each thumbnail
        exists or --timeout passes, then downloads it to NAME.thumb.EXT beside the file
        (NAME-SIZE.thumb.EXT for several sizes), or into --out-dir.

        \(AWSCommandOptions.discussion)
        """
    }
    let positionals = [PositionalSpec(name: "FILE", help: "JPEG, PNG, WebP or AVIF files (or folders, with --recursive) to upload", repeating: true, required: true)]
    let options: [OptionSpec] =
        [
            .value("key", valueName: "KEY", help: "Object key (one FILE only)"),
            .value("prefix", valueName: "PREFIX", help: "Put PREFIX before each file's name to make its key", default: "none"),
            .flag("recursive", short: "r", help: "Upload the files of folder arguments, keeping sub-folders in the keys"),
            .flag("wait", help: "Wait for the thumbnails and download them"),
            .value("timeout", valueName: "DURATION", help: "How long --wait polls, e.g. 90s, 5m", default: UploadSettings.defaultTimeout),
            .value("out-dir", short: "d", valueName: "DIR", help: "Folder for --wait downloads (created if missing)"),
            .value("sizes", valueName: "LIST", help: "Thumbnail sizes the function makes, in pixels, e.g. 128,256", default: "256"),
            .value(
                "format", short: "f", valueName: "FORMAT", help: "The function's thumbnail format(s): auto, jpeg, png, webp, avif or a list such as jpeg,webp,avif",
                default: "auto"),
            .value("jobs", short: "j", valueName: "N", help: "Files uploaded at the same time", default: "8"),
            .flag("json", help: "Print one JSON object per file on stdout (file, bucket, key, bytes, contentType, thumbnails)"),
            .flag("quiet", help: "Print only errors"),
        ] + AWSCommandOptions.specs

    func run(_ arguments: ParsedArguments, context: CommandContext) throws -> Int32 {
        var settings = try UploadSettings(arguments)
        let buckets = BucketResolver(arguments, environment: context.environment, currentDirectory: BucketResolver.currentDirectory())
        // The deployed function's formats and sizes, unless the command line names them.
        settings.adopt(try? buckets.stack.get(), arguments: arguments)
        // Every file is checked before any byte is sent.
        var items: [UploadItem] = []
        var refused = false
        for (index, file) in try Self.files(arguments, console: context.console, refused: &refused).enumerated() {
            do {
                items.append(try UploadItem.inspect(file.path, index: index, settings: settings, keyName: file.keyName))
            } catch  where file.foundInFolder {
                // A folder's other files (notes, sidecars) are not errors, only not uploaded.
                context.console.errorLine("thumbgen: skipping \(error)")
            } catch {
                let path = file.path
                refused = true
                context.console.errorLine("thumbgen: \(error)")
                if settings.json { context.console.line(JSONLine.encode(TransferFailure(file: path, error: "\(error)"))) }
            }
        }
        if refused || items.isEmpty {
            context.console.errorLine(refused ? "thumbgen: nothing uploaded" : "thumbgen: nothing uploaded: no JPEG, PNG, WebP or AVIF files found")
            return 1
        }
        if let duplicate = UploadItem.firstDuplicateKey(items) {
            throw UsageError(.conflictingOptions, "two files would be uploaded as the same key '\(duplicate)'; use --key or --prefix", command: name)
        }
        let originals = try buckets.require(.originals)
        let thumbnails = settings.wait ? try buckets.require(.thumbnails) : buckets.bucket(.thumbnails)
        if thumbnails == originals {
            throw UsageError(
                .conflictingOptions, "the originals and thumbnails buckets are both '\(originals)'; the function refuses that (its own output would trigger it again)",
                command: name)
        }
        let client = try AWSCommandOptions.makeClient(
            arguments, environment: context.environment, stackRegion: buckets.stackRegion,
            stackEndpoint: buckets.stackEndpoint)
        let runner = UploadRunner(
            settings: settings, items: items, client: client, originalsBucket: originals,
            thumbnailsBucket: thumbnails, console: context.console)
        return runner.run()
    }

    /// One file to inspect: named on the command line, or found in a folder (`--recursive`).
    private struct FileArgument {
        var path: String
        /// The key's tail: the name, or the path below the folder.
        var keyName: String
        var foundInFolder: Bool
    }

    /// The command line's files, with folders expanded under `--recursive` (a folder without
    /// it, or a missing path, is reported and sets `refused`).
    private static func files(_ arguments: ParsedArguments, console: Console, refused: inout Bool) throws(UsageError) -> [FileArgument] {
        var files: [FileArgument] = []
        for path in arguments.positionals {
            guard FileIO.isDirectory(path) else {
                files.append(FileArgument(path: path, keyName: Path.lastComponent(of: path), foundInFolder: false))
                continue
            }
            guard arguments.has("recursive") else {
                console.errorLine("thumbgen: \(path): is a folder; add --recursive to upload its files")
                refused = true
                continue
            }
            let found = InputCollector.collect([path], recursive: true, anyName: true)
            for failure in found.failures {
                console.errorLine("thumbgen: \(failure)")
                refused = true
            }
            files += found.files.map { FileArgument(path: $0.path, keyName: $0.relativePath, foundInFolder: true) }
        }
        if arguments.has("key"), files.count != 1 {
            throw UsageError(.conflictingOptions, "--key takes exactly one FILE (got \(files.count)); use --prefix for several", command: "upload")
        }
        return files
    }

}
