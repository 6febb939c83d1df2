import Glibc
import ThumbgenBasics

extension LambdaPackage {
    /// Libraries thumbgen loads with dlopen(3) on first use instead of at start-up, so
    /// `ld.so --list BINARY` does not show them; the package must carry each one and its own
    /// closure anyway. One entry per lazily loaded C shim (its `SONAME` constant):
    /// `libcurl.so.4` (`CTHUMBGEN_CURL_SONAME`, CThumbgenCurl: network commands only) and
    /// `libavif.so.15` (`CTHUMBGEN_AVIF_SONAME`, CThumbgenAVIF: AVIF input or output only).
    package static let lazyLibraries = ["libcurl.so.4", "libavif.so.15"]

    /// `closure` plus every library of ``lazyLibraries`` that `binary` names (its soname as a
    /// NUL-terminated string, which the shim passes to dlopen) and that library's closure (what
    /// the host's loader resolves for it with `--list`), each `NEEDED` name once, in first-seen order.
    ///
    /// A lazy library is looked up by name in the folders the binary's own closure came from
    /// (on Debian 12, `/lib/x86_64-linux-gnu`), then in the multiarch folders of `/usr/lib`.
    ///
    /// - Throws: ``DeployError`` `.libraryNotFound` when a lazy library is in none of them or its
    ///   closure is incomplete; `.spawnFailed` when the loader cannot be run.
    static func addingLazyLibraries(
        to closure: [(name: String, path: String)], binary: [UInt8], hostLoader: String, environment: [String: String]
    ) throws(DeployError) -> [(name: String, path: String)] {
        var result = closure
        var seen = Set(closure.map(\.name))
        var folders: [String] = []
        for path in closure.map(\.path) + ["/usr/lib/x86_64-linux-gnu/x", "/usr/lib/aarch64-linux-gnu/x"] {
            let folder = String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)])
            if !folders.contains(folder) { folders.append(folder) }
        }
        for name in lazyLibraries where !seen.contains(name) && mentions(binary, name) {
            guard let path = folders.map({ "\($0)/\(name)" }).first(where: FileIO.exists) else {
                throw DeployError(.libraryNotFound, "\(name) (loaded on first use) was not found in \(folders.joined(separator: ", "))")
            }
            let listed = try DeployError.spawning { () throws(ProcessError) in
                try ChildProcess.run(hostLoader, ["--list", path], environment: environment, captureOutput: true)
            }
            guard listed.status == 0 else {
                throw DeployError(.libraryNotFound, "\(path): \(hostLoader) --list exited with status \(listed.status)")
            }
            for entry in [(name, path)] + (try parseLoaderList(String(decoding: listed.output, as: UTF8.self), binary: path))
            where seen.insert(entry.0).inserted {
                result.append((entry.0, entry.1))
            }
        }
        return result
    }

    /// True when `bytes` contain `text` followed by a NUL (a C string constant).
    static func mentions(_ bytes: [UInt8], _ text: String) -> Bool {
        let needle = Array(text.utf8) + [0]
        return bytes.withUnsafeBytes { haystack -> Bool in
            needle.withUnsafeBytes { pattern -> Bool in
                guard let base = haystack.baseAddress, haystack.count >= pattern.count else { return false }
                var offset = 0
                let last = haystack.count - pattern.count
                while offset <= last { // memchr to each candidate first byte, then memcmp
                    guard let hit = memchr(base + offset, Int32(needle[0]), last - offset + 1) else { return false }
                    offset = base.distance(to: UnsafeRawPointer(hit))
                    if memcmp(base + offset, pattern.baseAddress!, pattern.count) == 0 { return true }
                    offset += 1
                }
                return false
            }
        }
    }
}
