import ThumbgenImaging

/// `thumbgen resize`: thumbnails of local JPEG, PNG, WebP and AVIF files.
struct ResizeCommand: Command {
    let name = "resize"
    let summary = "Make thumbnails of local JPEG, PNG, WebP and AVIF files"
    let discussion = """
    Each INPUT is a file or a folder (its *.jpg, *.jpeg, *.png, *.webp and *.avif files; add
    --recursive to descend). Thumbnails are upright (EXIF orientation applied), converted to sRGB, and carry
    no metadata unless --keep-metadata. Outputs are written to a temporary file and renamed,
    so a failed file leaves nothing behind; an original is never overwritten.

    Output names: with -o, that file (one input only); with --out-dir DIR, DIR/NAME.jpg (or
    .png), keeping sub-folders of a recursive batch; otherwise NAME.thumb.jpg beside the input.
    --format auto writes PNG for inputs with transparency and JPEG otherwise; with -o, a .jpg,
    .png, .webp or .avif extension decides. --quality is on JPEG's scale for every format: WebP
    and AVIF map it so the same number gives about the same visual quality (SSIM).
    """
    let positionals = [PositionalSpec(name: "INPUT", help: "Image files or folders", repeating: true, required: true)]
    let options: [OptionSpec] = [
        .value("size", short: "s", valueName: "N", help: "Longest side of the thumbnail, in pixels", default: "256"),
        .value("width", short: "w", valueName: "W", help: "Width of the box, in pixels (instead of --size)"),
        .value("height", valueName: "H", help: "Height of the box, in pixels (instead of --size)"),
        .value("fit", valueName: "MODE", help: "contain (all of the image), cover (fill the box, centre-crop) or fill (stretch)", default: "contain"),
        .flag("upscale", help: "Allow thumbnails larger than the original"),
        .value("output", short: "o", valueName: "FILE", help: "Output file (one input only)"),
        .value("out-dir", short: "d", valueName: "DIR", help: "Folder for the outputs (created if missing)"),
        .value("format", short: "f", valueName: "FORMAT", help: "jpeg, png, webp, avif or auto", default: "auto"),
        .value("quality", short: "q", valueName: "Q", help: "Quality, 1 to 100 (JPEG scale; WebP/AVIF matched to it)", default: "80"),
        .flag("progressive", help: "Write progressive JPEGs"),
        .value("background", valueName: "COLOR", help: "Colour under transparency for JPEG output: #RRGGBB, white or black", default: "white"),
        .value("max-pixels", valueName: "N", help: "Refuse images whose header declares more pixels than N", default: "100000000"),
        .flag("keep-metadata", help: "Keep EXIF/XMP metadata (orientation reset) instead of stripping it"),
        .flag("recursive", short: "r", help: "Descend into sub-folders of folder inputs"),
        .value("jobs", short: "j", valueName: "N", help: "Files processed in parallel", default: "number of cores"),
        .flag("json", help: "Print one JSON object per file on stdout (input, output, width, height, bytes, milliseconds)"),
        .flag("quiet", help: "Print only errors"),
    ]

    func run(_ arguments: ParsedArguments, context: CommandContext) throws -> Int32 {
        let settings = try ResizeSettings(arguments, processorCount: context.processorCount)
        let collection = InputCollector.collect(arguments.positionals, recursive: arguments.has("recursive"))
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
}
