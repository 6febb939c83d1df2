import ThumbgenBasics
import ThumbgenImaging

/// `thumbgen resize`'s options, validated.
struct ResizeSettings: Sendable {
    /// Everything but the box (and the fit a `--size` suffix sets), which come from `sizes`.
    var thumbnail = ThumbnailOptions()
    /// The `--size` entries in order (one when `--size` lists one or is absent); `thumbnail.box`
    /// is the first one's box.
    var sizes: [SizeSpec] = []
    /// `-o FILE`; `-` is standard output.
    var output: String?
    var outDirectory: String?
    /// `--name TEMPLATE`.
    var nameTemplate: NameTemplate?
    /// `--skip-existing`: keep outputs at least as new as their input.
    var skipExisting: Bool
    var jobs: Int
    var json: Bool
    var quiet: Bool

    /// The output extensions the format can be told from, and the format each one means. One
    /// row per extension, so a new format is one more row.
    static let formatsByExtension: [String: OutputFormat] = ["jpg": .jpeg, "jpeg": .jpeg, "png": .png, "webp": .webp, "avif": .avif]

    /// Whether the thumbnail goes to standard output (`-o -`).
    var writesToStandardOutput: Bool { output == "-" }
    /// Whether `-o` names the file standard output already is (`-o /dev/stdout`, `-o /dev/fd/1`),
    /// decided by ``ResizeCommand`` from the open descriptor: then, as with `-o -`, nothing but
    /// the image may go there, so per-file lines are not printed and `--json` is refused.
    var outputIsStandardOutput = false
    /// Whether standard output carries the image (`-o -` or a path that is standard output).
    var imageOnStandardOutput: Bool { writesToStandardOutput || outputIsStandardOutput }

    /// - Throws: ``UsageError`` naming the flag for any bad value or conflicting combination.
    init(_ arguments: ParsedArguments, processorCount: Int) throws(UsageError) {
        let command = arguments.command
        let width = try arguments.integer("width", in: SizeSpec.sides)
        let height = try arguments.integer("height", in: SizeSpec.sides)
        let sizeText = arguments.string("size")
        if sizeText != nil, width != nil || height != nil {
            throw UsageError(.conflictingOptions, "--size cannot be combined with --width or --height", command: command)
        }
        if width != nil || height != nil {
            let label = width != nil && height != nil ? "\(width!)x\(height!)" : width.map { "\($0)x" } ?? "x\(height!)"
            sizes = [SizeSpec(label: label, box: ThumbnailBox(width: width, height: height), fit: nil)]
        } else {
            sizes = try SizeSpec.parseList(sizeText ?? "256", command: command)
        }
        thumbnail.box = sizes[0].box
        thumbnail.fit = try arguments.choice("fit", as: FitMode.self) ?? .contain
        if thumbnail.fit != .contain, let spec = sizes.first(where: { $0.fit == nil && ($0.box.width == nil || $0.box.height == nil) }) {
            let needs = sizeText == nil ? "both --width and --height (or --size)" : "a box such as --size 256 or 256x256, not '\(spec.label)'"
            throw UsageError(.conflictingOptions, "--fit \(thumbnail.fit.rawValue) needs \(needs)", command: command)
        }
        thumbnail.upscale = arguments.has("upscale")
        output = arguments.string("output")
        outDirectory = arguments.string("out-dir")
        if output?.isEmpty == true { throw UsageError(.invalidValue, "-o/--output: the file name is empty", command: command) }
        if outDirectory?.isEmpty == true { throw UsageError(.invalidValue, "--out-dir: the folder name is empty", command: command) }
        if let outDirectory, FileIO.exists(outDirectory), !FileIO.isDirectory(outDirectory) {
            throw UsageError(.invalidValue, "--out-dir: '\(outDirectory)' is a file, not a folder", command: command)
        }
        if let output, output != "-", output.hasSuffix("/") || FileIO.isDirectory(output) {
            throw UsageError(.invalidValue, "-o/--output: '\(output)' is a folder; use --out-dir for a folder", command: command)
        }
        if output != nil, outDirectory != nil {
            throw UsageError(.conflictingOptions, "-o/--output and --out-dir cannot be used together", command: command)
        }
        if let text = arguments.string("name") {
            if output != nil { throw UsageError(.conflictingOptions, "-o/--output and --name cannot be used together", command: command) }
            nameTemplate = try NameTemplate(text, command: command)
        }
        if sizes.count > 1 {
            if output != nil {
                throw UsageError(.conflictingOptions, "-o/--output writes one file; with several sizes use --out-dir or --name", command: command)
            }
            if let nameTemplate, !["size", "width", "height"].contains(where: nameTemplate.uses) {
                throw UsageError(
                    .invalidValue, "--name: '\(nameTemplate.text)' needs {size} (or {width}/{height}) when --size lists several sizes",
                    command: command)
            }
        }
        thumbnail.format = try Self.format(arguments, output: output, template: nameTemplate)
        thumbnail.quality = try arguments.integer("quality", in: 1...100) ?? 80
        thumbnail.progressive = arguments.has("progressive")
        if let text = arguments.string("background") {
            guard let color = Self.parseColor(text) else {
                let names = Self.colorNames.keys.sorted()
                throw UsageError(
                    .invalidValue, "--background: '\(text)' is not #RGB, #RRGGBB or a colour name (\(names.joined(separator: ", ")))",
                    suggestion: Suggestion.closest(to: text.lowercased(), in: names), command: command)
            }
            thumbnail.background = color
        }
        thumbnail.maxPixels = try arguments.integer("max-pixels", in: 1...Int.max) ?? 100_000_000
        thumbnail.keepMetadata = arguments.has("keep-metadata")
        skipExisting = arguments.has("skip-existing")
        jobs = try arguments.integer("jobs", in: 1...256) ?? processorCount
        json = arguments.has("json")
        quiet = arguments.has("quiet")
        if json, writesToStandardOutput {
            throw UsageError(.conflictingOptions, "--json and -o - both want standard output", command: command)
        }
    }

    /// The options for one `--size` entry.
    func thumbnail(for size: SizeSpec) -> ThumbnailOptions {
        var options = thumbnail
        options.box = size.box
        if let fit = size.fit { options.fit = fit }
        return options
    }

    /// `--format`, checked against the extension of `-o` or of a `--name` ending in a literal
    /// extension: with `auto` (or no `--format`) the extension decides, a contradiction is a
    /// usage error. `-o -` and `-o /dev/…` without a format are JPEG.
    private static func format(_ arguments: ParsedArguments, output: String?, template: NameTemplate?) throws(UsageError) -> OutputFormat {
        let command = arguments.command
        let requested = try arguments.choice("format", as: OutputFormat.self) ?? .auto
        // Standard output and devices (`/dev/stdout`, `/dev/null`) have no extension to go by.
        if let output, output == "-" || Path.isKernelPath(output), formatsByExtension[Path.fileExtension(of: output)] == nil {
            return requested == .auto ? .jpeg : requested
        }
        let flag = output != nil ? "-o/--output" : "--name"
        guard let name = output ?? template?.text, template == nil || template?.uses("ext") == false else { return requested }
        let ext = Path.fileExtension(of: name)
        guard let implied = formatsByExtension[ext] else {
            if requested == .auto || output == nil {
                let endings = formatsByExtension.keys.sorted().map { ".\($0)" }.joined(separator: ", ")
                throw UsageError(
                    .invalidValue,
                    output != nil
                        ? "\(flag): cannot tell the format from '\(name)'; name it \(endings), or add --format"
                        : "\(flag): '\(name)' must end in .{ext} or one of \(endings)", command: command)
            }
            return requested
        }
        if requested != .auto, requested != implied {
            throw UsageError(
                .conflictingOptions, "--format \(requested.rawValue) contradicts \(flag) '\(name)' (a .\(ext) name); drop one",
                command: command)
        }
        return implied
    }

    /// Colour names accepted by `--background`: the CSS Level 1 basic keywords plus `grey` and
    /// `orange` (https://www.w3.org/TR/css-color-3/#html4).
    static let colorNames: [String: UInt32] = [
        "black": 0x000000, "silver": 0xC0C0C0, "gray": 0x808080, "grey": 0x808080, "white": 0xFFFFFF,
        "maroon": 0x800000, "red": 0xFF0000, "purple": 0x800080, "fuchsia": 0xFF00FF, "green": 0x008000,
        "lime": 0x00FF00, "olive": 0x808000, "yellow": 0xFFFF00, "navy": 0x000080, "blue": 0x0000FF,
        "teal": 0x008080, "aqua": 0x00FFFF, "orange": 0xFFA500,
    ]

    /// Parses `#RGB`, `#RRGGBB` (the `#` optional) or a name from ``colorNames`` (any case).
    static func parseColor(_ text: String) -> RGBColor? {
        var value: UInt32
        if let named = colorNames[text.lowercased()] {
            value = named
        } else {
            let hex = text.hasPrefix("#") ? String(text.dropFirst()) : text
            guard hex.count == 3 || hex.count == 6, hex.allSatisfy(\.isHexDigit), let parsed = UInt32(hex, radix: 16) else { return nil }
            // #RGB doubles each digit: #F80 is #FF8800.
            value = hex.count == 6 ? parsed : (parsed >> 8 & 0xF) * 0x110000 + (parsed >> 4 & 0xF) * 0x1100 + (parsed & 0xF) * 0x11
        }
        return RGBColor(red: UInt8(value >> 16 & 0xFF), green: UInt8(value >> 8 & 0xFF), blue: UInt8(value & 0xFF))
    }
}
