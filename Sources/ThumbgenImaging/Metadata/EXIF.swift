/// Reading and sanitising EXIF data (TIFF structure, EXIF 2.32 §4.5-4.6).
///
/// Every offset is bounds-checked: malformed or hostile input yields `nil` or is left alone,
/// never a crash.
enum EXIF {
    /// The Orientation tag number (EXIF 2.32 §4.6.4 A, TIFF tag 0x0112, type SHORT).
    static let orientationTag: UInt16 = 0x0112
    /// The Exif IFD pointer (EXIF 2.32 §4.6.3, tag 0x8769, type LONG).
    static let exifIFDTag: UInt16 = 0x8769
    /// PixelXDimension and PixelYDimension in the Exif IFD (EXIF 2.32 §4.6.5 A).
    static let pixelXDimensionTag: UInt16 = 0xA002, pixelYDimensionTag: UInt16 = 0xA003

    /// Reads the Orientation from a JPEG APP1 payload ("Exif\0\0" followed by TIFF data).
    ///
    /// - Parameter app1: the APP1 segment data after the length field.
    /// - Returns: the orientation, or nil when absent, out of range 1...8, or malformed.
    static func orientation(inAPP1 app1: UnsafeBufferPointer<UInt8>) -> Orientation? {
        guard app1.count > 6, Array(app1.prefix(6)) == [0x45, 0x78, 0x69, 0x66, 0, 0] else { return nil }
        return orientation(inTIFF: UnsafeBufferPointer(rebasing: app1[6...]))
    }

    /// Reads the Orientation from TIFF data ("II*\0" or "MM\0*" header, then IFD0).
    ///
    /// - Parameter tiff: the TIFF bytes.
    /// - Returns: the orientation, or nil when absent, out of range, or malformed.
    static func orientation(inTIFF tiff: UnsafeBufferPointer<UInt8>) -> Orientation? {
        guard let reader = TIFFReader(tiff), let entry = reader.entry(tag: orientationTag, inIFDAt: reader.ifd0) else {
            return nil
        }
        // SHORT (type 3), count 1: the value sits in the first two bytes of the value field.
        guard entry.type == 3, let value = reader.uint16(at: entry.valueOffset) else { return nil }
        return Orientation(rawValue: Int(value))
    }

    /// Prepares an APP1 EXIF payload for a thumbnail that keeps metadata.
    ///
    /// The Orientation is set to 1 (the thumbnail is already upright) and IFD0's link to IFD1
    /// is cut so the embedded preview is gone; when the preview's JPEG bytes (tags 0x0201 and
    /// 0x0202 in IFD1) end the segment, they are removed too. Other tags (including GPS) are
    /// kept unchanged, except PixelXDimension and PixelYDimension (tags 0xA002 and 0xA003 in the
    /// Exif IFD that tag 0x8769 points to; EXIF 2.32 §4.6.5 A, SHORT or LONG), which are set to
    /// the thumbnail's `pixelSize` when present.
    /// - Parameters:
    ///   - app1: the APP1 payload from the source.
    ///   - pixelSize: the thumbnail's upright size, in pixels (nil leaves the tags as they are).
    /// - Returns: the rewritten payload, or nil when it is malformed or larger than a segment.
    static func sanitizedForThumbnail(_ app1: [UInt8], pixelSize: PixelSize? = nil) -> [UInt8]? {
        guard app1.count > 6, app1.count <= 65533, Array(app1.prefix(6)) == [0x45, 0x78, 0x69, 0x66, 0, 0] else { return nil }
        var tiff = Array(app1[6...])
        var truncateAt: Int?
        var edits: [(offset: Int, bytes: [UInt8])] = []
        let valid = tiff.withUnsafeBufferPointer { (buffer) -> Bool in
            guard let reader = TIFFReader(buffer) else { return false }
            if let entry = reader.entry(tag: orientationTag, inIFDAt: reader.ifd0), entry.type == 3 {
                edits.append((entry.valueOffset, reader.encode16(1)))
            }
            if let pixelSize, let pointer = reader.entry(tag: exifIFDTag, inIFDAt: reader.ifd0).flatMap({ reader.uint32(at: $0.valueOffset) }) {
                for (tag, value) in [(pixelXDimensionTag, pixelSize.width), (pixelYDimensionTag, pixelSize.height)] {
                    guard let entry = reader.entry(tag: tag, inIFDAt: Int(pointer)), entry.count == 1 else { continue }
                    if entry.type == 3, value <= 0xFFFF { edits.append((entry.valueOffset, reader.encode16(UInt16(value)))) }
                    if entry.type == 4 { edits.append((entry.valueOffset, reader.encode32(UInt32(value)))) }
                }
            }
            guard let count = reader.uint16(at: reader.ifd0) else { return false }
            let nextField = reader.ifd0 + 2 + Int(count) * 12
            if let ifd1 = reader.uint32(at: nextField), ifd1 != 0 {
                edits.append((nextField, [0, 0, 0, 0]))
                if let start = reader.entry(tag: 0x0201, inIFDAt: Int(ifd1)).flatMap({ reader.uint32(at: $0.valueOffset) }),
                    let length = reader.entry(tag: 0x0202, inIFDAt: Int(ifd1)).flatMap({ reader.uint32(at: $0.valueOffset) }),
                    Int(start) + Int(length) == buffer.count, start > 8
                {
                    truncateAt = Int(start)
                }
            }
            return true
        }
        guard valid else { return nil }
        for edit in edits where edit.offset + edit.bytes.count <= tiff.count {
            tiff.replaceSubrange(edit.offset..<(edit.offset + edit.bytes.count), with: edit.bytes)
        }
        if let truncateAt { tiff.removeSubrange(truncateAt...) }
        return Array(app1.prefix(6)) + tiff
    }
}
