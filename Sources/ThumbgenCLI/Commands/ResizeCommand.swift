import Glibc
import ThumbgenBasics
import ThumbgenImaging

/// `thumbgen resize`: thumbnails of local JPEG, PNG, WebP and AVIF files.
struct ResizeCommand: Command {
    let name = "resize"
    let summary = "Make thumbnails of local JPEG, PNG, WebP and AVIF files"
    let discussion = """
        Each INPUT is a file or a folder (its *.jpg, *.jpeg, *.png, *.webp and *.avif files; add
        --recursive to descend; the --out-dir folder is never descended into). `-` reads standard
        input; FIFOs and devices are read as streams. Thumbnails are upright (EXIF orientation
        applied), converted to sRGB, and carry no metadata unless --keep-metadata. Outputs are
        written to a temporary file and renamed, so a failed file leaves nothing behind; an original
        is never overwritten. A symlink output is followed; a device, FIFO or socket output
        (/dev/null) is written directly.

        Output names: with -o, that file (one input only; `-o -` is standard output, which is also
        where `-` alone goes); with --name TEMPLATE, the template ({name} {ext} {size} {width}
        {height} {dir} {inext}) relative to --out-dir or the current folder; with --out-dir DIR,
        DIR/NAME.jpg (or .png, .webp, .avif), keeping sub-folders of a recursive batch; otherwise
        NAME.thumb.jpg beside the input. Several sizes (--size 128,256) add -SIZE to those names.
        --format auto keeps PNG for PNG, WebP or AVIF inputs with a pixel whose alpha is below 255
        and writes JPEG otherwise (an opaque RGBA PNG becomes JPEG); with -o (or a --name ending in
        .jpg, .png, .webp or .avif) the extension decides, and a --format contradicting it is an
        error. --quality is on JPEG's scale for every format: WebP and AVIF map it so the same
        number gives about the same visual quality (SSIM).
        """
    let positionals = [PositionalSpec(name: "INPUT", help: "Image files or folders; - for standard input", repeating: true, required: true)]
    let options: [OptionSpec] = [
        .value(
            "size", short: "s", valueName: "SIZE",
            help: "Longest side N, or a box WxH (also Wx, xH; suffix ! stretches, ^ crops); several: 128,256,512", default: "256"),
        .value("width", short: "w", valueName: "W", help: "Width of the box, in pixels (instead of --size)"),
        .value("height", valueName: "H", help: "Height of the box, in pixels (instead of --size)"),
        .value("fit", valueName: "MODE", help: "contain (all of the image), cover (fill the box, centre-crop) or fill (stretch)", default: "contain"),
        .flag("upscale", help: "Allow thumbnails larger than the original"),
        .value("output", short: "o", valueName: "FILE", help: "Output file (one input only); - for standard output"),
        .value("out-dir", short: "d", valueName: "DIR", help: "Folder for the outputs (created if missing)"),
        .value("name", valueName: "TEMPLATE", help: "Output name, e.g. '{name}_{size}.{ext}' (see above)", default: "{name}.thumb.{ext}"),
        .flag("skip-existing", help: "Skip inputs whose outputs exist and are newer than the input"),
        .value("format", short: "f", valueName: "FORMAT", help: "jpeg, png, webp, avif or auto", default: "auto; jpeg for -o -"),
        .value("quality", short: "q", valueName: "Q", help: "Quality, 1 to 100 (JPEG scale; WebP/AVIF matched to it)", default: "80"),
        .flag("progressive", help: "Write progressive JPEGs"),
        .value(
            "background", valueName: "COLOR", help: "Colour under transparency for JPEG output: #RGB, #RRGGBB or a name (white, black, gray, red, ...)",
            default: "white"),
        .value("max-pixels", valueName: "N", help: "Refuse images whose header declares more pixels than N", default: "100000000"),
        .flag("keep-metadata", help: "Keep EXIF metadata (orientation reset, pixel dimensions updated) instead of stripping it"),
        .flag("recursive", short: "r", help: "Descend into sub-folders of folder inputs"),
        .value("jobs", short: "j", valueName: "N", help: "Files processed in parallel", default: "number of cores"),
        .flag("json", help: "Print one JSON object per file on stdout (input, output, width, height, bytes, milliseconds)"),
        .flag("quiet", help: "Print only errors"),
    ]

    /// Options of vipsthumbnail, ImageMagick and GraphicsMagick that people type here, with
    /// what thumbgen does instead (given as `--x` or, ImageMagick-style, `-x`).
    let foreignOptions: [String: String] = [
        "strip": "metadata is stripped by default (--keep-metadata keeps it)",
        "crop": "use --fit cover (fills the box and centre-crops)",
        "smartcrop": "use --fit cover (fills the box and centre-crops)",
        "thumbnail": "use --size N (thumbgen always makes thumbnails)",
        "resize": "use --size N or --size WxH",
        "geometry": "use --size N or --size WxH",
        "auto-orient": "EXIF orientation is always applied",
        "rotate": "EXIF orientation is always applied; other rotations are not supported",
        "no-rotate": "EXIF orientation is always applied",
        "eprofile": "output is always converted to sRGB",
        "export-profile": "output is always converted to sRGB",
        "delete": "originals are never deleted or overwritten",
        "interlace": "use --progressive",
        "extent": "use --fit cover with --size WxH",
        "output-dir": "use --out-dir",
    ]

    func run(_ arguments: ParsedArguments, context: CommandContext) throws -> Int32 {
        var settings = try ResizeSettings(arguments, processorCount: context.processorCount)
        // `thumbgen resize - < in.jpg > out.jpg`: standard input alone is a filter.
        if arguments.positionals == ["-"], settings.output == nil, settings.outDirectory == nil, settings.nameTemplate == nil {
            settings.output = "-"
            if settings.thumbnail.format == .auto { settings.thumbnail.format = .jpeg }
        }
        if let output = settings.output, output != "-", Self.namesStandardOutput(output) {
            settings.outputIsStandardOutput = true
            if settings.json {
                throw UsageError(.conflictingOptions, "--json and -o \(output) both want standard output", command: name)
            }
        }
        if settings.writesToStandardOutput, context.console.outputIsTerminal {
            throw UsageError(.invalidValue, "standard output is a terminal; redirect it (> thumb.jpg) or name an output file with -o", command: name)
        }
        let collection = InputCollector.collect(
            arguments.positionals, recursive: arguments.has("recursive"),
            excluding: settings.outDirectory.map { [$0] } ?? [])
        let inputs = collection.files
        if settings.output != nil, inputs.count + collection.failures.count != 1 {
            throw UsageError(.conflictingOptions, "-o/--output takes exactly one input image (got \(inputs.count)); use --out-dir for several", command: name)
        }
        if inputs.isEmpty, collection.failures.isEmpty {
            context.console.errorLine("thumbgen: no JPEG, PNG, WebP or AVIF files found in \(arguments.positionals.joined(separator: ", "))")
            return 1
        }
        let runner = ResizeRunner(settings: settings, inputs: inputs, failures: collection.failures, console: context.console)
        return runner.run()
    }

    /// Whether `path` is a kernel name (`/dev/…`, `/proc/…`) for the file that descriptor 1
    /// already is: same device and inode, so a pipe, a terminal or a redirected file alike.
    static func namesStandardOutput(_ path: String) -> Bool {
        guard Path.isKernelPath(path) else { return false }
        var named = stat(), standardOutput = stat()
        guard stat(path, &named) == 0, fstat(STDOUT_FILENO, &standardOutput) == 0 else { return false }
        return named.st_dev == standardOutput.st_dev && named.st_ino == standardOutput.st_ino
    }
}
