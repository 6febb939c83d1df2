/// The output format part of a thumbnail key; its raw value is the file extension.
package enum ThumbnailKeyFormat: String, Sendable, CaseIterable {
    /// JPEG, extension `jpg`.
    case jpeg = "jpg"
    /// PNG, extension `png`.
    case png = "png"
    /// WebP, extension `webp`.
    case webp = "webp"
    /// AVIF, extension `avif`.
    case avif = "avif"
}

/// The one key scheme for thumbnails, shared by the Lambda function (which writes them)
/// and `thumbgen fetch` (which reads them):
///
///     thumbnails/<size>/<original key>.<ext>
///     photos/cat.jpg, 256, .jpeg  →  thumbnails/256/photos/cat.jpg.jpg
///
/// Why this shape:
/// - The original key's bytes are kept unchanged (no escaping, no normalisation), so any
///   key S3 accepts has a thumbnail key, and ``parse(_:)`` recovers it exactly.
/// - No collisions: the size is a decimal integer ended by the first `/` after the prefix,
///   and the format is the last extension, so `(original, size, format)` ↦ key is
///   injective (two keys can only be equal if all three parts are).
/// - One fixed prefix (`thumbnails/`): the S3 event notification can exclude it so the
///   Lambda never triggers on its own output, a lifecycle rule can expire it, and an
///   original stored under `thumbnails/` is recognisably not an original (the Lambda skips
///   such keys rather than making thumbnails of thumbnails).
/// - The extension matches the content, so browsers and `fetch` name files sensibly.
package enum ThumbnailKey {
    /// The prefix every thumbnail key starts with.
    package static let prefix = "thumbnails/"

    /// The key of the `size`-pixel thumbnail of `originalKey` in `format`.
    ///
    /// - Parameters:
    ///   - originalKey: The original object's key, any bytes.
    ///   - size: The thumbnail's longest side in pixels (positive).
    ///   - format: The thumbnail's format.
    /// - Returns: `thumbnails/<size>/<originalKey>.<ext>`.
    package static func thumbnailKey(originalKey: String, size: Int, format: ThumbnailKeyFormat) -> String {
        "\(prefix)\(size)/\(originalKey).\(format.rawValue)"
    }

    /// True when `key` lies under ``prefix`` (and is therefore never treated as an original).
    package static func isThumbnailKey(_ key: String) -> Bool { key.utf8.starts(with: prefix.utf8) }

    /// Splits a thumbnail key back into its parts.
    ///
    /// - Parameter key: A key made by ``thumbnailKey(originalKey:size:format:)``.
    /// - Returns: The original key, size in pixels and format; nil for any other key.
    package static func parse(_ key: String) -> (originalKey: String, size: Int, format: ThumbnailKeyFormat)? {
        let bytes = Array(key.utf8)
        let prefixBytes = Array(prefix.utf8)
        guard bytes.starts(with: prefixBytes) else { return nil }
        let rest = bytes[prefixBytes.count...]
        guard let slash = rest.firstIndex(of: UInt8(ascii: "/")), slash > rest.startIndex,
            rest[rest.startIndex..<slash].allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
            rest[rest.startIndex] != UInt8(ascii: "0") || slash == rest.startIndex + 1,
            let size = Int(String(decoding: rest[rest.startIndex..<slash], as: UTF8.self)), size > 0,
            let dot = rest.lastIndex(of: UInt8(ascii: ".")), dot > slash,
            let format = ThumbnailKeyFormat(rawValue: String(decoding: rest[(dot + 1)...], as: UTF8.self))
        else { return nil }
        return (String(decoding: rest[(slash + 1)..<dot], as: UTF8.self), size, format)
    }
}
