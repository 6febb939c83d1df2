import ThumbgenAWS
import ThumbgenBasics
import ThumbgenImaging
import ThumbgenService

/// One file to upload, checked: its key, content type and the thumbnail keys the function writes.
struct UploadItem: Sendable {
    /// Position on the command line.
    var index: Int
    /// The file as given.
    var path: String
    var key: String
    var format: ImageFormat
    /// Size in bytes.
    var size: Int64
    /// The thumbnail keys, one per size and format, sizes outer and formats inner (the
    /// function's order).
    var thumbnails: [(size: Int, key: String)]

    /// Bytes read to check the content and find the thumbnail format: the PNG chunks before
    /// the first IDAT, or the JPEG markers before SOS, fit in this for any ordinary file.
    static let headBytes = 1 << 20

    /// Reads the start of `path` and checks it is a JPEG, PNG, WebP or AVIF by its magic bytes.
    ///
    /// - Throws: ``FileError`` naming the path when it is missing, unreadable, empty or neither
    ///   a JPEG (`FF D8 FF`) nor a PNG (`89 50 4E 47 0D 0A 1A 0A`).
    /// - Parameter keyName: what follows the prefix in the key: the file's name, or its path
    ///   below the folder for `--recursive` (default: the last path component).
    static func inspect(_ path: String, index: Int, settings: UploadSettings, keyName: String? = nil) throws(FileError) -> UploadItem {
        let (head, size) = try FileIO.head(path, maxBytes: headBytes)
        guard let format = ImageFormat.sniff(head) else {
            let what = head.isEmpty ? "the file is empty" : "its content starts with \(hexPrefix(head))"
            throw FileError(path: path, reason: "not a JPEG, PNG, WebP or AVIF image (\(what)); only those originals can be uploaded")
        }
        let key = settings.key ?? settings.prefix + (keyName ?? Path.lastComponent(of: path))
        let keyFormats = ThumbnailTargets.formats(requested: settings.formats, input: format, head: head, path: path)
        let thumbnails = settings.sizes.flatMap { size in
            keyFormats.map { (size, ThumbnailKey.thumbnailKey(originalKey: key, size: size, format: $0)) }
        }
        return UploadItem(index: index, path: path, key: key, format: format, size: size, thumbnails: thumbnails)
    }

    /// The first key two items share, if any.
    static func firstDuplicateKey(_ items: [UploadItem]) -> String? {
        var seen: Set<String> = []
        for item in items where !seen.insert(item.key).inserted { return item.key }
        return nil
    }

    /// `25 50 44 46 2D 31 2E 37` for a PDF: the first 8 bytes in hex, in the decoder's style.
    static func hexPrefix(_ bytes: [UInt8]) -> String { ImageDecoder.hex(bytes.prefix(8)) }
}
