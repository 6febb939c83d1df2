import ThumbgenBasics

/// An output name template for `resize --name`, e.g. `{dir}/{name}_{size}.{ext}`.
///
/// Placeholders: `{name}` the input's file name without extension (`stdin` for `-`), `{ext}`
/// the output format's extension (`jpg`, `png`), `{size}` the `--size` entry (`256`,
/// `256x256`), `{width}` and `{height}` the thumbnail's pixels, `{dir}` the input's folder as
/// given on the command line (empty in the current folder), `{inext}` the input's own extension
/// (`png` for `photo.png`, to tell `photo.jpg` and `photo.png` apart). The expansion is a path relative
/// to `--out-dir`, else to the current folder (or absolute when `{dir}` is); empty components
/// collapse, so `{dir}/x` in the current folder is just `x`.
struct NameTemplate: Sendable, Equatable {
    static let placeholders = ["name", "ext", "size", "width", "height", "dir", "inext"]

    /// The template as written.
    let text: String

    /// - Throws: ``UsageError`` for an empty template, an unclosed `{`, or an unknown placeholder.
    init(_ text: String, command: String) throws(UsageError) {
        let names = Self.placeholders.map { "{\($0)}" }.joined(separator: " ")
        guard !text.isEmpty else { throw UsageError(.invalidValue, "--name: the template is empty", command: command) }
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}") else {
                throw UsageError(.invalidValue, "--name: '\(text)' has a '{' without '}'", command: command)
            }
            let name = String(rest[rest.index(after: open)..<close])
            guard Self.placeholders.contains(name) else {
                throw UsageError(
                    .invalidValue, "--name: unknown placeholder {\(name)} in '\(text)'; use \(names)",
                    suggestion: Suggestion.closest(to: name, in: Self.placeholders).map { "{\($0)}" }, command: command)
            }
            rest = rest[rest.index(after: close)...]
        }
        self.text = text
    }

    /// Whether the template mentions `{placeholder}`.
    func uses(_ placeholder: String) -> Bool { text.contains("{\(placeholder)}") }

    /// The extension written literally at the end (`jpg` in `{name}.jpg`), or nil when it is `{ext}` or absent.
    var literalExtension: String? {
        let ext = Path.fileExtension(of: text)
        return ext.isEmpty || ext.contains("{") ? nil : ext
    }

    /// Replaces every placeholder with `values[name]` (missing ones become empty) and collapses
    /// empty path components. The result is absolute when the template starts with `/`, or
    /// starts with a placeholder whose value does (`{dir}` = `/photos`).
    func expand(_ values: [String: String]) -> String {
        var pieces: [String] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            pieces.append(String(rest[..<open]))
            pieces.append(values[String(rest[rest.index(after: open)..<close])] ?? "")
            rest = rest[rest.index(after: close)...]
        }
        pieces.append(String(rest))
        let absolute = pieces[0].hasPrefix("/") || (pieces[0].isEmpty && pieces.count > 1 && pieces[1].hasPrefix("/"))
        let joined = pieces.joined().split(separator: "/", omittingEmptySubsequences: true).joined(separator: "/")
        return absolute ? "/" + joined : joined
    }
}
