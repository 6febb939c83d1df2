import Testing

@testable import ThumbgenImaging

@Suite struct EXIFTests {
    /// A minimal APP1 payload: "Exif\0\0", TIFF header, IFD0 with the given entries, then
    /// an optional IFD1 with a JPEG preview at the end.
    static func app1(littleEndian: Bool, orientation: UInt16?, preview: [UInt8]? = nil) -> [UInt8] {
        func u16(_ v: UInt16) -> [UInt8] { littleEndian ? [UInt8(v & 0xFF), UInt8(v >> 8)] : [UInt8(v >> 8), UInt8(v & 0xFF)] }
        func u32(_ v: UInt32) -> [UInt8] { littleEndian ? u16(UInt16(v & 0xFFFF)) + u16(UInt16(v >> 16)) : u16(UInt16(v >> 16)) + u16(UInt16(v & 0xFFFF)) }
        var tiff: [UInt8] = (littleEndian ? [0x49, 0x49] : [0x4D, 0x4D]) + u16(42) + u32(8)
        let entries = orientation.map { [(UInt16(0x0112), UInt16(3), UInt32(1), u16($0) + [0, 0])] } ?? []
        let ifd1Offset = preview == nil ? 0 : UInt32(8 + 2 + entries.count * 12 + 4)
        tiff += u16(UInt16(entries.count))
        for entry in entries { tiff += u16(entry.0) + u16(entry.1) + u32(entry.2) + entry.3 }
        tiff += u32(ifd1Offset)
        if let preview {
            let dataOffset = ifd1Offset + 2 + 2 * 12 + 4
            tiff += u16(2) + u16(0x0201) + u16(4) + u32(1) + u32(dataOffset)
            tiff += u16(0x0202) + u16(4) + u32(1) + u32(UInt32(preview.count)) + u32(0)
            tiff += preview
        }
        return [0x45, 0x78, 0x69, 0x66, 0, 0] + tiff
    }

    func orientation(_ bytes: [UInt8]) -> Orientation? {
        bytes.withUnsafeBufferPointer { EXIF.orientation(inAPP1: $0) }
    }

    @Test(arguments: [true, false], 1...8)
    func readsOrientationInBothByteOrders(littleEndian: Bool, value: Int) {
        #expect(orientation(Self.app1(littleEndian: littleEndian, orientation: UInt16(value))) == Orientation(rawValue: value))
    }

    @Test func missingOrInvalidOrientationIsNil() {
        #expect(orientation(Self.app1(littleEndian: true, orientation: nil)) == nil)
        #expect(orientation(Self.app1(littleEndian: false, orientation: 9)) == nil)
        #expect(orientation(Self.app1(littleEndian: true, orientation: 0)) == nil)
    }

    @Test func malformedDataNeverCrashes() {
        let good = Self.app1(littleEndian: false, orientation: 6)
        // Every truncation, and every single-byte corruption, must be survived.
        for length in 0...good.count { _ = orientation(Array(good.prefix(length))) }
        for index in good.indices {
            for value: UInt8 in [0x00, 0x7F, 0xFF] {
                var bad = good
                bad[index] = value
                _ = orientation(bad)
                _ = EXIF.sanitizedForThumbnail(bad)
            }
        }
        #expect(orientation(Array(good.prefix(good.count - 6))) == nil)
        #expect(orientation(good) == .right)
    }

    @Test func sanitizingResetsOrientationAndDropsThePreview() throws {
        for littleEndian in [true, false] {
            let preview: [UInt8] = [0xFF, 0xD8, 0xFF, 0xD9, 1, 2, 3, 4]
            let source = Self.app1(littleEndian: littleEndian, orientation: 6, preview: preview)
            let cleaned = try #require(EXIF.sanitizedForThumbnail(source))
            #expect(orientation(cleaned) == .up)
            #expect(cleaned.count == source.count - preview.count)
            try cleaned.dropFirst(6).map { $0 }.withUnsafeBufferPointer { tiff in
                let reader = try #require(TIFFReader(tiff))
                let count = try #require(reader.uint16(at: reader.ifd0))
                #expect(reader.uint32(at: reader.ifd0 + 2 + Int(count) * 12) == 0)
            }
        }
    }

    @Test(arguments: 1...8)
    func fixtureOrientationIsRead(value: Int) throws {
        let header = try ImageDecoder.readHeader(try CodecTestImages.fixture("orient-\(value).jpg"), name: "o")
        #expect(header.orientation.rawValue == value)
        #expect(header.uprightSize == PixelSize(width: 48, height: 32))
    }

    @Test func pngEXIfOrientationIsRead() throws {
        let header = try ImageDecoder.readHeader(try CodecTestImages.fixture("orient-6.png"), name: "o.png")
        #expect(header.orientation == .right)
        #expect(header.storedSize == PixelSize(width: 32, height: 48))
        #expect(header.uprightSize == PixelSize(width: 48, height: 32))
    }
}
