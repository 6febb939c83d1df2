extension LambdaPackage {
    /// Checks statically that every ELF file in `archive` finds each of its `DT_NEEDED`
    /// libraries inside the archive: by file name at the top level, or by the `DT_SONAME` of
    /// an archived library (how the bundled `ld.so` answers `ld-linux-x86-64.so.2`).
    ///
    /// - Returns: `FILE needs NAME` for each unresolved entry; empty when the closure is complete.
    static func unresolvedLibraries(in archive: ZipArchive) -> [String] {
        var provided = Set(archive.entries.map(\.path))
        var needs: [(String, [String])] = []
        for entry in archive.entries {
            guard let file = try? ELFFile(bytes: entry.bytes, name: entry.path) else { continue }
            if let soname = file.soname { provided.insert(soname) }
            needs.append((entry.path, file.needed))
        }
        return needs.flatMap { path, names in
            names.filter { !provided.contains($0) }.map { "\(path) needs \($0)" }
        }.sorted()
    }
}
