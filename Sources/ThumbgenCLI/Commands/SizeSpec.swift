import ThumbgenBasics
import ThumbgenImaging

/// One entry of `resize --size`, in the geometry syntax of vipsthumbnail and ImageMagick.
///
/// Forms: `N` (longest side N), `WxH` (a W×H box, aspect kept), `Wx` (width only), `xH`
/// (height only); a suffix `>` (only shrink: the default anyway), `!` (stretch: `--fit fill`)
/// or `^` (fill the box and crop: `--fit cover`). Sides are 1 to 65535 pixels. Sources:
/// ImageMagick "Image Geometry" (https://imagemagick.org/script/command-line-processing.php#geometry)
/// and `vipsthumbnail --size`.
struct SizeSpec: Sendable, Equatable {
    /// The entry without its suffix, for `{size}` in names: `256`, `256x256`, `x128`.
    var label: String
    var box: ThumbnailBox
    /// Set by a `!` or `^` suffix; nil keeps `--fit`.
    var fit: FitMode?

    static let sides = 1...65_535

    /// Parses a comma-separated list: `128,256,512` or `256x256>`.
    ///
    /// - Throws: ``UsageError`` naming `--size` and the entry at fault.
    static func parseList(_ text: String, command: String) throws(UsageError) -> [SizeSpec] {
        var specs: [SizeSpec] = []
        for entry in text.split(separator: ",", omittingEmptySubsequences: false) {
            let spec = try parse(String(entry), command: command)
            if !specs.contains(where: { $0.label == spec.label }) { specs.append(spec) }
        }
        return specs
    }

    static func parse(_ entry: String, command: String) throws(UsageError) -> SizeSpec {
        var body = Substring(entry)
        var fit: FitMode?
        switch body.last {
        case ">": body = body.dropLast()
        case "!": body = body.dropLast(); fit = .fill
        case "^": body = body.dropLast(); fit = .cover
        case "<":
            throw UsageError(.invalidValue, "--size: '\(entry)': '<' (only enlarge) is not supported; use --upscale", command: command)
        default: break
        }
        func side(_ text: Substring) throws(UsageError) -> Int? {
            if text.isEmpty { return nil }
            guard let value = Int(text), sides.contains(value) else {
                if !entry.contains("x") {
                    throw UsageError(.invalidValue, "--size: '\(entry)' is not a whole number 1 to 65535", command: command)
                }
                throw UsageError(.invalidValue, "--size: '\(entry)' is not N, WxH, Wx or xH with sides 1 to 65535", command: command)
            }
            return value
        }
        let parts = body.lowercased().split(separator: "x", maxSplits: 1, omittingEmptySubsequences: false)
        if parts.count == 1 {
            guard let value = try side(parts[0][...]) else {
                throw UsageError(.invalidValue, "--size: '\(entry)' is not a whole number 1 to 65535", command: command)
            }
            return SizeSpec(label: String(value), box: ThumbnailBox(width: value, height: value), fit: fit)
        }
        let width = try side(parts[0][...]), height = try side(parts[1][...])
        guard width != nil || height != nil else {
            throw UsageError(.invalidValue, "--size: '\(entry)' is not N, WxH, Wx or xH with sides 1 to 65535", command: command)
        }
        if fit != nil, width == nil || height == nil {
            throw UsageError(.invalidValue, "--size: '\(entry)': '!' and '^' need both a width and a height", command: command)
        }
        let label = (width.map(String.init) ?? "") + "x" + (height.map(String.init) ?? "")
        return SizeSpec(label: label, box: ThumbnailBox(width: width, height: height), fit: fit)
    }
}
