import ThumbgenAWS
import ThumbgenImaging
import ThumbgenBasics
import ThumbgenService

/// Which thumbnail keys the function writes for an original, and where `--wait` / `fetch`
/// put the downloaded files. Keys follow the one shared scheme, ``ThumbnailKey``.
enum ThumbnailTargets {
    /// The format the function writes for an original, as `Thumbnailer.outputFormat` decides:
    /// with `auto`, PNG originals whose pixels carry alpha (alpha channel or tRNS) stay PNG and
    /// everything else becomes JPEG.
    ///
    /// - Parameters:
    ///   - requested: The function's `THUMBGEN_FORMAT` (`--format`).
    ///   - input: The original's format.
    ///   - head: The original's first bytes (at least up to the first PNG IDAT or JPEG SOS).
    /// - Returns: The key format.
    static func format(requested: OutputFormat, input: ImageFormat, head: [UInt8]) -> ThumbnailKeyFormat {
        let hasAlpha = input == .png && ((try? ImageDecoder.readHeader(head, name: "original"))?.hasAlpha ?? pngColorTypeHasAlpha(head))
        return Thumbnailer.outputFormat(requested, input: input, hasAlpha: hasAlpha) == .png ? .png : .jpeg
    }

    /// The formats a thumbnail may have when the original is not at hand (`fetch`): JPEG then
    /// PNG for `auto`, else the one requested.
    static func candidateFormats(_ requested: OutputFormat) -> [ThumbnailKeyFormat] {
        switch requested {
        case .jpeg: [.jpeg]
        case .png: [.png]
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
    static func localPath(name: String, size: Int, multipleSizes: Bool, fileExtension: String,
                          folder: String, outDirectory: String?) -> String {
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
