/// An image file format, recognised by magic number (inputs) or chosen for a thumbnail (outputs).
package enum ImageFormat: String, Sendable, CaseIterable {
    /// JPEG (JFIF or EXIF), ITU T.81.
    case jpeg
    /// PNG, ISO/IEC 15948.
    case png
    /// WebP (RIFF container with a VP8, VP8L or VP8X chunk), RFC 9649.
    case webp
    /// AVIF (HEIF with AV1 items), AV1 Image File Format 1.1.0.
    case avif

    /// Recognises a format from the first bytes of a file (the first 64 are enough).
    ///
    /// JPEG `FF D8 FF`; PNG `89 50 4E 47 0D 0A 1A 0A`; WebP `RIFF` + 4-byte length + `WEBP`
    /// (RFC 9649 §2.5); AVIF an ISO BMFF `ftyp` box whose major or compatible brand is `avif`
    /// (still image) or `avis` (sequence) (AVIF §9.1). HEIC and other `ftyp` files are not AVIF.
    package static func sniff(_ bytes: some Collection<UInt8>) -> ImageFormat? {
        let head = Array(bytes.prefix(64))
        if head.count >= 3, head[0] == 0xFF, head[1] == 0xD8, head[2] == 0xFF { return .jpeg }
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if head.count >= 12, head.starts(with: Array("RIFF".utf8)), Array(head[8..<12]) == Array("WEBP".utf8) { return .webp }
        if isAVIF(head) { return .avif }
        return nil
    }

    /// Whether `head` starts with an `ftyp` box naming `avif` or `avis` among its brands.
    private static func isAVIF(_ head: [UInt8]) -> Bool {
        guard head.count >= 16, Array(head[4..<8]) == Array("ftyp".utf8) else { return false }
        let boxSize = Int(head[0]) << 24 | Int(head[1]) << 16 | Int(head[2]) << 8 | Int(head[3])
        guard boxSize >= 16 else { return false }
        let brands = [Array("avif".utf8), Array("avis".utf8)]
        // Major brand at 8, minor version at 12, compatible brands from 16 to the box's end.
        var offsets = [8]
        offsets += stride(from: 16, to: min(boxSize, head.count) - 3, by: 4)
        return offsets.contains { brands.contains(Array(head[$0..<($0 + 4)])) }
    }

    /// The MIME type: `image/jpeg`, `image/png`, `image/webp` or `image/avif`.
    package var mimeType: String { "image/" + rawValue }
    /// The usual file extension without a dot: `jpg`, `png`, `webp` or `avif`.
    package var fileExtension: String { self == .jpeg ? "jpg" : rawValue }
    /// The name people use: `JPEG`, `PNG`, `WebP`, `AVIF`.
    package var displayName: String { self == .webp ? "WebP" : rawValue.uppercased() }
}
