/// The input format, recognised by magic number.
public enum ImageFormat: String, Sendable {
    /// JPEG (JFIF or EXIF), ITU T.81.
    case jpeg
    /// PNG, ISO/IEC 15948.
    case png

    /// Recognises JPEG (`FF D8 FF`) and PNG (`89 50 4E 47 0D 0A 1A 0A`) by their first bytes.
    public static func sniff(_ bytes: some Collection<UInt8>) -> ImageFormat? {
        let head = Array(bytes.prefix(8))
        if head.count >= 3, head[0] == 0xFF, head[1] == 0xD8, head[2] == 0xFF { return .jpeg }
        if head == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] { return .png }
        return nil
    }

    /// The MIME type: `image/jpeg` or `image/png`.
    public var mimeType: String { self == .jpeg ? "image/jpeg" : "image/png" }
    /// The usual file extension without a dot: `jpg` or `png`.
    public var fileExtension: String { self == .jpeg ? "jpg" : "png" }
}
