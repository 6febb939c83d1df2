/// A 64-bit little-endian ELF file (x86-64 or AArch64) read from bytes: its program
/// interpreter (`PT_INTERP`) and dynamic section (`DT_NEEDED`, `DT_SONAME`, `DT_RPATH`,
/// `DT_RUNPATH`), and in-place rewrites of the interpreter and search path.
///
/// Layout per the System V ABI, "Object Files" and "Program Loading and Dynamic Linking"
/// chapters (gABI 4.1, elf(5)). Rewrites never move data: a new string must fit where the
/// old one was, which keeps every offset and hash in the file valid.
struct ELFFile: Sendable {
    /// The file's bytes, rewritten in place by the mutating methods.
    private(set) var bytes: [UInt8]
    /// Names the file in error messages.
    let name: String
    /// `e_machine`: 62 for x86-64, 183 for AArch64.
    let machine: UInt16
    private let segments: [Segment]
    private let dynamic: [(tag: Int64, value: UInt64, offset: Int)]

    private struct Segment {
        var type: UInt32
        var offset: Int
        var address: UInt64
        var fileSize: Int
    }

    static let ptLoad: UInt32 = 1, ptDynamic: UInt32 = 2, ptInterp: UInt32 = 3
    static let dtNeeded: Int64 = 1, dtStrtab: Int64 = 5, dtSoname: Int64 = 14
    static let dtRPath: Int64 = 15, dtRunPath: Int64 = 29

    /// Parses the ELF and program headers and the dynamic section.
    ///
    /// - Parameters:
    ///   - bytes: the whole file.
    ///   - name: the file's path or archive name, for messages.
    /// - Throws: ``DeployError`` `.notELF` when it is not a well-formed 64-bit little-endian ELF.
    init(bytes: [UInt8], name: String) throws(DeployError) {
        self.bytes = bytes
        self.name = name
        guard bytes.count >= 64, bytes[0] == 0x7F, bytes[1] == 0x45, bytes[2] == 0x4C, bytes[3] == 0x46 else {
            throw DeployError(.notELF, "\(name): not an ELF file")
        }
        guard bytes[4] == 2, bytes[5] == 1 else { throw DeployError(.notELF, "\(name): not a 64-bit little-endian ELF file") }
        machine = Self.read(bytes, 18, as: UInt16.self) ?? 0
        let headerOffset = Int(Self.read(bytes, 32, as: UInt64.self) ?? 0)
        let headerSize = Int(Self.read(bytes, 54, as: UInt16.self) ?? 0)
        let headerCount = Int(Self.read(bytes, 56, as: UInt16.self) ?? 0)
        var segments: [Segment] = []
        for index in 0..<headerCount {
            let base = headerOffset + index * headerSize
            guard headerSize >= 56, let type = Self.read(bytes, base, as: UInt32.self),
                let offset = Self.read(bytes, base + 8, as: UInt64.self),
                let address = Self.read(bytes, base + 16, as: UInt64.self),
                let size = Self.read(bytes, base + 32, as: UInt64.self),
                offset <= UInt64(bytes.count), size <= UInt64(bytes.count) - offset
            else { throw DeployError(.notELF, "\(name): program header \(index) is out of bounds") }
            segments.append(Segment(type: type, offset: Int(offset), address: address, fileSize: Int(size)))
        }
        self.segments = segments
        var dynamic: [(tag: Int64, value: UInt64, offset: Int)] = []
        if let section = segments.first(where: { $0.type == Self.ptDynamic }) {
            var position = section.offset
            while position + 16 <= section.offset + section.fileSize,
                let tag = Self.read(bytes, position, as: Int64.self), tag != 0,
                let value = Self.read(bytes, position + 8, as: UInt64.self)
            {
                dynamic.append((tag, value, position))
                position += 16
            }
        }
        self.dynamic = dynamic
    }

    /// The program interpreter path (`PT_INTERP`), e.g. `/lib64/ld-linux-x86-64.so.2`; nil for
    /// shared libraries and static executables.
    var interpreter: String? {
        guard let segment = segments.first(where: { $0.type == Self.ptInterp }) else { return nil }
        return Self.cString(bytes, segment.offset, limit: segment.offset + segment.fileSize)
    }

    /// The `DT_NEEDED` library names, in order, e.g. `["libcurl.so.4", "libc.so.6"]`.
    var needed: [String] { strings(tagged: Self.dtNeeded) }

    /// The `DT_SONAME`, e.g. `libc.so.6`.
    var soname: String? { strings(tagged: Self.dtSoname).first }

    /// The `DT_RPATH` entries (searched before `LD_LIBRARY_PATH`).
    var rpath: [String] { strings(tagged: Self.dtRPath) }

    /// The `DT_RUNPATH` entries (searched after `LD_LIBRARY_PATH`).
    var runpath: [String] { strings(tagged: Self.dtRunPath) }

    private func strings(tagged tag: Int64) -> [String] {
        dynamic.filter { $0.tag == tag }.compactMap { stringOffset($0.value) }.compactMap { Self.cString(bytes, $0, limit: bytes.count) }
    }

    /// The file offset of the dynamic string table entry at `index`.
    private func stringOffset(_ index: UInt64) -> Int? {
        guard let table = dynamic.first(where: { $0.tag == Self.dtStrtab })?.value else { return nil }
        for segment in segments
        where segment.type == Self.ptLoad
            && table >= segment.address && table - segment.address < UInt64(segment.fileSize)
        {
            let offset = UInt64(segment.offset) + (table - segment.address) + index
            return offset < UInt64(bytes.count) ? Int(offset) : nil
        }
        return nil
    }

    // MARK: Low-level access (used by the rewrite extension)

    /// The file offset of the interpreter string, when there is a `PT_INTERP`.
    var interpreterOffset: Int? { segments.first(where: { $0.type == Self.ptInterp })?.offset }

    /// Every `DT_RPATH`/`DT_RUNPATH` entry: where the entry is, its string index, where and how long its string is.
    var searchPathEntries: [(offset: Int, index: UInt64, stringOffset: Int, length: Int)] {
        dynamic.filter { $0.tag == Self.dtRPath || $0.tag == Self.dtRunPath }.compactMap { entry in
            guard let start = stringOffset(entry.value), let text = Self.cString(bytes, start, limit: bytes.count) else { return nil }
            return (entry.offset, entry.value, start, text.utf8.count)
        }
    }

    /// The file offset just past the last byte any program header covers (ELF and program headers included).
    var segmentsEnd: Int {
        let headerOffset = Int(Self.read(bytes, 32, as: UInt64.self) ?? 0)
        let headerSize = Int(Self.read(bytes, 54, as: UInt16.self) ?? 0)
        let headers = headerOffset + headerSize * segments.count
        return segments.reduce(max(64, headers)) { max($0, $1.offset + $1.fileSize) }
    }

    /// Cuts the file at `count` bytes.
    mutating func truncate(to count: Int) {
        if count < bytes.count { bytes.removeSubrange(count...) }
    }

    /// Writes a little-endian integer at `offset` (must be in bounds).
    mutating func writeInteger<T: FixedWidthInteger>(_ value: T, at offset: Int) {
        var encoded: [UInt8] = []
        encoded.appendLE(value)
        replaceBytes(at: offset, with: encoded)
    }

    /// Overwrites bytes at `offset`, never growing the file.
    mutating func replaceBytes(at offset: Int, with new: [UInt8]) {
        guard offset >= 0, offset + new.count <= bytes.count else { return }
        bytes.replaceSubrange(offset..<(offset + new.count), with: new)
    }

    /// A little-endian integer at `offset`, or nil past the end.
    static func read<T: FixedWidthInteger>(_ bytes: [UInt8], _ offset: Int, as type: T.Type) -> T? {
        let size = MemoryLayout<T>.size
        guard offset >= 0, offset + size <= bytes.count else { return nil }
        var value: T = 0
        for index in 0..<size { value |= T(bytes[offset + index]) << (8 * index) }
        return value
    }

    /// The NUL-terminated UTF-8 string at `offset`, or nil when unterminated before `limit`.
    static func cString(_ bytes: [UInt8], _ offset: Int, limit: Int) -> String? {
        guard offset >= 0 else { return nil }
        var end = offset
        while end < min(limit, bytes.count), bytes[end] != 0 { end += 1 }
        guard end < min(limit, bytes.count) else { return nil }
        return String(decoding: bytes[offset..<end], as: UTF8.self)
    }
}
