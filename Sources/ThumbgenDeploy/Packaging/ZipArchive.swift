/// A deterministic zip archive writer (PKWARE APPNOTE.TXT 6.3.x, classic 32-bit format).
///
/// Same entries in, same bytes out: entries are sorted by path (byte order), every timestamp
/// is the DOS epoch 1980-01-01 00:00:00, no extra fields, no data descriptors, Unix "version
/// made by" with the permission bits in the external attributes (so `unzip` and Lambda keep
/// 0755 on executables). Each entry is deflated (method 8) unless that does not make it
/// smaller, in which case it is stored (method 0).
struct ZipArchive: Sendable {
    /// One file in the archive.
    struct Entry: Sendable, Equatable {
        /// The path inside the archive, `/`-separated, no leading `/`, e.g. `lib/libc.so.6`.
        var path: String
        var bytes: [UInt8]
        /// Unix permission bits, e.g. `0o755` for executables, `0o644` for the rest.
        var mode: UInt16
    }

    /// The entries, in any order (they are sorted when written).
    var entries: [Entry] = []

    /// Adds a file.
    mutating func add(_ path: String, _ bytes: [UInt8], mode: UInt16) {
        entries.append(Entry(path: path, bytes: bytes, mode: mode))
    }

    /// The DOS date and time of every entry: 1980-01-01 00:00:00 (APPNOTE.TXT 4.4.6).
    static let dosTime: UInt16 = 0
    static let dosDate: UInt16 = (0 << 9) | (1 << 5) | 1

    /// Serialises the archive.
    ///
    /// - Returns: the whole zip file.
    /// - Throws: ``DeployError`` `.archiveTooLarge` past 4 GiB or 65,535 entries (no ZIP64),
    ///   `.compression` when zlib fails.
    func serialized() throws(DeployError) -> [UInt8] {
        let sorted = entries.sorted { Array($0.path.utf8).lexicographicallyPrecedes(Array($1.path.utf8)) }
        guard sorted.count < 0xFFFF else { throw DeployError(.archiveTooLarge, "zip: \(sorted.count) entries exceed 65,534") }
        var output: [UInt8] = []
        var central: [UInt8] = []
        for entry in sorted {
            let compressed = try Deflate.compress(entry.bytes, name: entry.path)
            let deflated = compressed.count < entry.bytes.count
            let data = deflated ? compressed : entry.bytes
            let offset = output.count
            guard entry.bytes.count <= 0xFFFF_FFFF, offset + data.count <= 0xFFFF_FFFF else {
                throw DeployError(.archiveTooLarge, "zip: \(entry.path) puts the archive past 4 GiB")
            }
            let name = Array(entry.path.utf8)
            let header = FileHeader(
                method: deflated ? 8 : 0, crc: Deflate.crc32(entry.bytes),
                compressedSize: UInt32(data.count), size: UInt32(entry.bytes.count), name: name
            )
            // Local file header (APPNOTE.TXT 4.3.7).
            output.appendLE(UInt32(0x0403_4B50))
            header.appendCommonFields(to: &output)
            output += name
            output += data
            // Central directory header (APPNOTE.TXT 4.3.12).
            central.appendLE(UInt32(0x0201_4B50))
            central.appendLE(UInt16((3 << 8) | 20)) // made by: Unix, spec 2.0
            header.appendCommonFields(to: &central)
            central.appendLE(UInt16(0)) // comment length
            central.appendLE(UInt16(0)) // disk number start
            central.appendLE(UInt16(0)) // internal attributes
            central.appendLE((UInt32(0o100000) | UInt32(entry.mode & 0o7777)) << 16) // S_IFREG | mode
            central.appendLE(UInt32(offset))
            central += name
        }
        let centralOffset = output.count
        output += central
        guard output.count <= 0xFFFF_FFFF else { throw DeployError(.archiveTooLarge, "zip: archive exceeds 4 GiB") }
        // End of central directory record (APPNOTE.TXT 4.3.16).
        output.appendLE(UInt32(0x0605_4B50))
        output.appendLE(UInt16(0))
        output.appendLE(UInt16(0))
        output.appendLE(UInt16(sorted.count))
        output.appendLE(UInt16(sorted.count))
        output.appendLE(UInt32(central.count))
        output.appendLE(UInt32(centralOffset))
        output.appendLE(UInt16(0))
        return output
    }

    /// The fields shared by local and central headers, from "version needed" to "extra length".
    private struct FileHeader {
        var method: UInt16
        var crc: UInt32
        var compressedSize: UInt32
        var size: UInt32
        var name: [UInt8]

        func appendCommonFields(to bytes: inout [UInt8]) {
            bytes.appendLE(UInt16(20)) // version needed: 2.0 (deflate)
            bytes.appendLE(UInt16(0x0800)) // flags: bit 11, names are UTF-8
            bytes.appendLE(method)
            bytes.appendLE(ZipArchive.dosTime)
            bytes.appendLE(ZipArchive.dosDate)
            bytes.appendLE(crc)
            bytes.appendLE(compressedSize)
            bytes.appendLE(size)
            bytes.appendLE(UInt16(name.count))
            bytes.appendLE(UInt16(0)) // extra field length
        }
    }
}

extension [UInt8] {
    /// Appends `value` in little-endian byte order (zip and ELF on x86-64/arm64 use it).
    mutating func appendLE<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }
}
