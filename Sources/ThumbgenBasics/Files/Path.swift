/// String operations on POSIX paths (no file-system access).
package enum Path {
    /// The folder part: `a/b/c.jpg` → `a/b`, `c.jpg` → `.`, `/c.jpg` → `/`.
    /// Whether `path` is one of the kernel's names for open files or devices (`/dev/…`,
    /// `/proc/…`): such a path is written in place, never beside, and never gets a sibling.
    package static func isKernelPath(_ path: String) -> Bool {
        path.hasPrefix("/dev/") || path.hasPrefix("/proc/")
    }

    package static func directory(of path: String) -> String {
        let trimmed = trimTrailingSlashes(path)
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        if slash == trimmed.startIndex { return "/" }
        return String(trimmed[..<slash])
    }

    /// The last component: `a/b/c.jpg` → `c.jpg`.
    package static func lastComponent(of path: String) -> String {
        let trimmed = trimTrailingSlashes(path)
        guard let slash = trimmed.lastIndex(of: "/") else { return trimmed }
        return String(trimmed[trimmed.index(after: slash)...])
    }

    /// The last component without its extension: `a/c.tar.jpg` → `c.tar`; `.hidden` stays `.hidden`.
    package static func stem(of path: String) -> String {
        let name = lastComponent(of: path)
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }

    /// The extension without the dot, lower-cased: `A.JPG` → `jpg`; none → `""`.
    package static func fileExtension(of path: String) -> String {
        let name = lastComponent(of: path)
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return String(name[name.index(after: dot)...]).lowercased()
    }

    /// Joins with exactly one `/`.
    package static func join(_ base: String, _ component: String) -> String {
        if base.isEmpty || base == "." { return component }
        return base.hasSuffix("/") ? base + component : base + "/" + component
    }

    /// `a/b//` → `a/b`; `/` stays `/`.
    package static func trimTrailingSlashes(_ path: String) -> String {
        var result = Substring(path)
        while result.count > 1, result.hasSuffix("/") { result = result.dropLast() }
        return String(result)
    }
}
