import ThumbgenAWS
import ThumbgenBasics
import ThumbgenImaging
import ThumbgenService

/// Which thumbnail keys the function writes for an original, and where `--wait` / `fetch`
/// put the downloaded files. Keys follow the one shared scheme, ``ThumbnailKey``.
enum ThumbnailTargets {
    /// The format the function writes for an original, as `Thumbnailer.outputFormat` decides:
    /// with `auto`, PNG originals with some pixel's alpha below 255 stay PNG and everything
    /// else becomes JPEG.
    ///
    /// The header only says whether a PNG has an alpha channel (or tRNS), not whether any pixel
    /// uses it, so for such a PNG with `auto` the whole file at `path` is read and decoded
    /// (``Thumbnailer/autoKeepsPNG(_:name:maxPixels:)``, the function's own rule). When that
    /// fails the header's answer stands (the function will fail on the file too).
    ///
    /// - Parameters:
    ///   - requested: The function's `THUMBGEN_FORMAT` (`--format`).
    ///   - input: The original's format.
    ///   - head: The original's first bytes (at least up to the first PNG IDAT or JPEG SOS).
    ///   - path: The original, read whole only in the case above.
    /// - Returns: The key format.
    static func format(requested: OutputFormat, input: ImageFormat, head: [UInt8], path: String) -> ThumbnailKeyFormat {
        guard requested == .auto, input != .jpeg else {
            return ThumbnailKeyFormat(Thumbnailer.outputFormat(requested, input: input, hasAlpha: false))
        }
        // A WebP or AVIF header may need more than the head (libwebp's demuxer and libavif's
        // parser want the whole file): then the whole file is read.
        var whole: [UInt8]?
        var header = try? ImageDecoder.readHeader(head, name: "original")
        if header == nil, let data = try? FileIO.read(path), data.count > head.count {
            whole = data
            header = try? ImageDecoder.readHeader(data, name: "original")
        }
        var hasAlpha = header?.hasAlpha ?? (input == .png && pngColorTypeHasAlpha(head))
        if hasAlpha, let data = whole ?? (try? FileIO.read(path)),
            let keeps = try? Thumbnailer.autoKeepsPNG(data, name: path, maxPixels: ThumbnailOptions().maxPixels)
        {
            hasAlpha = keeps
        }
        return ThumbnailKeyFormat(Thumbnailer.outputFormat(requested, input: input, hasAlpha: hasAlpha))
    }

    /// The formats the function writes for an original under `THUMBGEN_FORMATS` = `requested`:
    /// each entry resolved by ``format(requested:input:head:path:)``, a format two entries
    /// resolve to (`auto` and `jpeg` for a photo) once, in order, as `Thumbnailer.makeThumbnails`
    /// does.
    static func formats(requested: [OutputFormat], input: ImageFormat, head: [UInt8], path: String) -> [ThumbnailKeyFormat] {
        var resolved: [ThumbnailKeyFormat] = []
        for entry in requested {
            let format = format(requested: entry, input: input, head: head, path: path)
            if !resolved.contains(format) { resolved.append(format) }
        }
        return resolved
    }

    /// The thumbnail format known from the settings and the original's key alone: the format
    /// asked for, or with `auto` JPEG for a key ending in `.jpg`/`.jpeg` (JPEG originals never
    /// have alpha). Nil when only S3 can tell (`auto` and a PNG or unknown name).
    static func offlineFormat(requested: OutputFormat, originalKey: String) -> ThumbnailKeyFormat? {
        if requested == .auto { return ["jpg", "jpeg"].contains(Path.fileExtension(of: originalKey)) ? .jpeg : nil }
        let candidates = candidateFormats(requested)
        return candidates.count == 1 ? candidates[0] : nil
    }

    /// The formats a thumbnail may have when the original is not at hand (`fetch`): JPEG then
    /// PNG for `auto`, else the one requested.
    static func candidateFormats(_ requested: OutputFormat) -> [ThumbnailKeyFormat] {
        switch requested {
        case .jpeg: [.jpeg]
        case .png: [.png]
        case .webp: [.webp]
        case .avif: [.avif]
        case .auto: [.jpeg, .png]
        }
    }

    /// The local file for a downloaded thumbnail.
    ///
    /// Rules: `DIR/NAME.EXT` with `--out-dir DIR`, else `NAME.thumb.EXT` in `folder` (as
    /// `thumbgen resize` names them); with several sizes `-SIZE` follows NAME so they differ.
    ///
    /// - Parameters:
    ///   - name: A file name or key whose last component, without extension, is NAME.
    ///   - size: The thumbnail size in pixels.
    ///   - multipleSizes: Whether several sizes are fetched for the same original.
    ///   - fileExtension: `jpg` or `png`.
    ///   - folder: The folder for the default name (`.` for the current directory).
    ///   - outDirectory: `--out-dir`, if given.
    /// - Returns: The path.
    static func localPath(
        name: String, size: Int, multipleSizes: Bool, fileExtension: String,
        folder: String, outDirectory: String?
    ) -> String {
        var stem = Path.stem(of: name)
        if stem.isEmpty || stem == "." || stem == ".." { stem = "thumbnail" }
        if multipleSizes { stem += "-\(size)" }
        if let outDirectory { return Path.join(outDirectory, stem + "." + fileExtension) }
        return Path.join(folder, stem + OutputNamer.infix + fileExtension)
    }

    /// PNG IHDR colour types 4 (grey + alpha) and 6 (RGBA), for a header that cannot be read whole.
    private static func pngColorTypeHasAlpha(_ head: [UInt8]) -> Bool {
        head.count > 25 && (head[25] == 4 || head[25] == 6)
    }
}
