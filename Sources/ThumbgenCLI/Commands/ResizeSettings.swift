import ThumbgenImaging
import ThumbgenBasics

/// `thumbgen resize`'s options, validated.
struct ResizeSettings: Sendable {
    var thumbnail = ThumbnailOptions()
    var output: String?
    var outDirectory: String?
    var jobs: Int
    var json: Bool
    var quiet: Bool

    /// - Throws: ``UsageError`` naming the flag for any bad value or conflicting combination.
    init(_ arguments: ParsedArguments, processorCount: Int) throws(UsageError) {
        let command = arguments.command
        let size = try arguments.integer("size", in: 1...65_535)
        let width = try arguments.integer("width", in: 1...65_535)
        let height = try arguments.integer("height", in: 1...65_535)
        if size != nil, width != nil || height != nil {
            throw UsageError(.conflictingOptions, "--size cannot be combined with --width or --height", command: command)
        }
        if width != nil || height != nil {
            thumbnail.box = ThumbnailBox(width: width, height: height)
        } else {
            let side = size ?? 256
            thumbnail.box = ThumbnailBox(width: side, height: side)
        }
        thumbnail.fit = try arguments.choice("fit", as: FitMode.self) ?? .contain
        if thumbnail.fit != .contain, width == nil || height == nil, size == nil, width != nil || height != nil {
            throw UsageError(.conflictingOptions, "--fit \(thumbnail.fit.rawValue) needs both --width and --height (or --size)", command: command)
        }
        thumbnail.upscale = arguments.has("upscale")
        output = arguments.string("output")
        outDirectory = arguments.string("out-dir")
        if output?.isEmpty == true { throw UsageError(.invalidValue, "-o/--output: the file name is empty", command: command) }
        if outDirectory?.isEmpty == true { throw UsageError(.invalidValue, "--out-dir: the folder name is empty", command: command) }
        if let output, output.hasSuffix("/") || FileIO.isDirectory(output) {
            throw UsageError(.invalidValue, "-o/--output: '\(output)' is a folder; use --out-dir for a folder", command: command)
        }
        if output != nil, outDirectory != nil {
            throw UsageError(.conflictingOptions, "-o/--output and --out-dir cannot be used together", command: command)
        }
        thumbnail.format = try Self.format(arguments, output: output)
        if let output, thumbnail.format == .auto {
            throw UsageError(.invalidValue, "-o/--output: cannot tell the format from '\(output)'; name it .jpg, .jpeg or .png, or add --format",
                             command: command)
        }
        thumbnail.quality = try arguments.integer("quality", in: 1...100) ?? 80
        thumbnail.progressive = arguments.has("progressive")
        if let text = arguments.string("background") {
            guard let color = Self.parseColor(text) else {
                throw UsageError(.invalidValue, "--background: '\(text)' is not #RRGGBB, white or black", command: command)
            }
            thumbnail.background = color
        }
        thumbnail.maxPixels = try arguments.integer("max-pixels", in: 1...Int.max) ?? 100_000_000
        thumbnail.keepMetadata = arguments.has("keep-metadata")
        jobs = try arguments.integer("jobs", in: 1...256) ?? processorCount
        json = arguments.has("json")
        quiet = arguments.has("quiet")
    }

    /// `--format`, or with `-o` and `auto` the output's extension.
    private static func format(_ arguments: ParsedArguments, output: String?) throws(UsageError) -> OutputFormat {
        let format = try arguments.choice("format", as: OutputFormat.self) ?? .auto
        guard format == .auto, let output else { return format }
        switch Path.fileExtension(of: output) {
        case "png": return .png
        case "jpg", "jpeg": return .jpeg
        default: return .auto
        }
    }

    /// Parses `#RRGGBB`, `RRGGBB`, `white` or `black`.
    static func parseColor(_ text: String) -> RGBColor? {
        switch text.lowercased() {
        case "white": return .white
        case "black": return RGBColor(red: 0, green: 0, blue: 0)
        default: break
        }
        let hex = text.hasPrefix("#") ? String(text.dropFirst()) : text
        guard hex.count == 6, let value = UInt32(hex, radix: 16) else { return nil }
        return RGBColor(red: UInt8(value >> 16 & 0xFF), green: UInt8(value >> 8 & 0xFF), blue: UInt8(value & 0xFF))
    }
}
