/// Bounds-checked reads of a TIFF byte stream in either byte order (TIFF 6.0 §2).
struct TIFFReader {
    /// One 12-byte IFD entry.
    struct Entry {
        var tag: UInt16
        var type: UInt16
        var count: UInt32
        /// Offset of the 4-byte value/offset field within the TIFF data.
        var valueOffset: Int
    }

    /// The TIFF data (borrowed: valid only while the caller's buffer is).
    let bytes: UnsafeBufferPointer<UInt8>
    /// `II` (Intel) byte order; `MM` (Motorola) otherwise.
    let littleEndian: Bool
    /// Offset of IFD0 within the TIFF data.
    private(set) var ifd0: Int

    /// Validates the 8-byte header ("II*\0" or "MM\0*", then the IFD0 offset inside the data).
    init?(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count >= 8 else { return nil }
        self.bytes = bytes
        switch (bytes[0], bytes[1]) {
        case (0x49, 0x49): littleEndian = true
        case (0x4D, 0x4D): littleEndian = false
        default: return nil
        }
        ifd0 = 0
        guard uint16(at: 2) == 42, let offset = uint32(at: 4), Int(offset) < bytes.count else { return nil }
        ifd0 = Int(offset)
    }

    /// The 16-bit value at `offset` in the stream's byte order, or nil past the end.
    func uint16(at offset: Int) -> UInt16? {
        guard offset >= 0, offset + 2 <= bytes.count else { return nil }
        let a = UInt16(bytes[offset]), b = UInt16(bytes[offset + 1])
        return littleEndian ? a | b << 8 : a << 8 | b
    }

    /// The 32-bit value at `offset` in the stream's byte order, or nil past the end.
    func uint32(at offset: Int) -> UInt32? {
        guard let first = uint16(at: offset), let second = uint16(at: offset + 2) else { return nil }
        return littleEndian ? UInt32(first) | UInt32(second) << 16 : UInt32(first) << 16 | UInt32(second)
    }

    /// `value` as two bytes in the stream's byte order.
    func encode16(_ value: UInt16) -> [UInt8] {
        littleEndian ? [UInt8(value & 0xFF), UInt8(value >> 8)] : [UInt8(value >> 8), UInt8(value & 0xFF)]
    }

    /// `value` as four bytes in the stream's byte order.
    func encode32(_ value: UInt32) -> [UInt8] {
        let bytes = [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
        return littleEndian ? bytes.reversed() : bytes
    }

    /// Finds `tag` in the IFD at `offset` (entries are not trusted to be sorted).
    func entry(tag: UInt16, inIFDAt offset: Int) -> Entry? {
        guard let count = uint16(at: offset) else { return nil }
        for index in 0..<Int(count) {
            let start = offset + 2 + index * 12
            guard let found = uint16(at: start), let type = uint16(at: start + 2),
                let number = uint32(at: start + 4), start + 12 <= bytes.count
            else { return nil }
            if found == tag { return Entry(tag: found, type: type, count: number, valueOffset: start + 8) }
        }
        return nil
    }
}
