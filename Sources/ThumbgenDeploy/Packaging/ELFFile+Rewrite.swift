extension ELFFile {
    /// Points `PT_INTERP` at `path`, in place (the kernel loads this program first; gABI
    /// "Program Interpreter").
    ///
    /// - Parameter path: an absolute path no longer than the current one.
    /// - Throws: ``DeployError`` `.cannotRewrite` when there is no `PT_INTERP` or `path` does not fit.
    mutating func setInterpreter(_ path: String) throws(DeployError) {
        guard let current = interpreter, let start = interpreterOffset else {
            throw DeployError(.cannotRewrite, "\(name): has no program interpreter (PT_INTERP)")
        }
        try overwriteString(at: start, oldLength: current.utf8.count, with: path, what: "interpreter")
    }

    /// Sets the library search path to `path` as `DT_RPATH`, in place: an existing `DT_RUNPATH`
    /// entry is turned into `DT_RPATH` (ld.so ignores `DT_RPATH` when `DT_RUNPATH` is present,
    /// and `DT_RPATH` is searched before `LD_LIBRARY_PATH`; ld.so(8) "Dynamic search order").
    ///
    /// - Parameter path: e.g. `$ORIGIN`; must fit in the space of the existing string.
    /// - Throws: ``DeployError`` `.cannotRewrite` when the binary has no `DT_RPATH`/`DT_RUNPATH`
    ///   entry, or `path` is longer than its string.
    mutating func setRPath(_ path: String) throws(DeployError) {
        let entries = searchPathEntries
        guard let first = entries.first else {
            throw DeployError(.cannotRewrite, "\(name): has no DT_RPATH or DT_RUNPATH entry to rewrite (swiftc adds DT_RUNPATH $ORIGIN to executables; was it linked another way?)")
        }
        for entry in entries {
            writeInteger(ELFFile.dtRPath, at: entry.offset)
        }
        try overwriteString(at: first.stringOffset, oldLength: first.length, with: path, what: "library search path")
        // Entries after the first now point at the same string (duplicates are harmless).
        for entry in entries.dropFirst() {
            writeInteger(first.index, at: entry.offset + 8)
        }
    }

    private mutating func overwriteString(at offset: Int, oldLength: Int, with path: String, what: String) throws(DeployError) {
        let new = Array(path.utf8)
        guard new.count <= oldLength, !new.contains(0) else {
            throw DeployError(.cannotRewrite, "\(name): new \(what) '\(path)' (\(new.count) bytes) is longer than the existing one (\(oldLength) bytes)")
        }
        replaceBytes(at: offset, with: new + [UInt8](repeating: 0, count: oldLength - new.count + 1))
    }
}

extension ELFFile {
    /// Drops everything the loader never reads: the section header table and the non-loaded
    /// sections after the last segment (DWARF debug info, `.symtab`, `.strtab`), like
    /// `sstrip`. Segments, dynamic section and Swift metadata (all in `PT_LOAD`) are untouched;
    /// crash backtraces then show addresses instead of symbol names.
    ///
    /// Does nothing when a section or the section table lies inside the loaded range (an
    /// unusual layout), so the result is always loadable.
    ///
    /// - Returns: the number of bytes removed.
    @discardableResult
    mutating func stripNonLoadedData() -> Int {
        let end = segmentsEnd
        let sectionTable = Int(Self.read(bytes, 40, as: UInt64.self) ?? 0)
        guard end > 64, end < bytes.count, sectionTable == 0 || sectionTable >= end else { return 0 }
        let removed = bytes.count - end
        truncate(to: end)
        writeInteger(UInt64(0), at: 40) // e_shoff
        writeInteger(UInt16(0), at: 60) // e_shnum
        writeInteger(UInt16(0), at: 62) // e_shstrndx
        return removed
    }
}
