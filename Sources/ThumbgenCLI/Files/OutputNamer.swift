import ThumbgenBasics

/// Decides each thumbnail's file name.
///
/// Rules (documented in `thumbgen resize --help`):
/// - `-o FILE` (one input only): exactly FILE.
/// - `--name TEMPLATE`: the expanded ``NameTemplate``, relative to `--out-dir` when given, else
///   to the current folder.
/// - `--out-dir DIR`: `DIR/<relative path without extension>.<jpg|png>`, so `a/b.png` found
///   under a folder becomes `DIR/a/b.jpg` for JPEG output.
/// - otherwise: beside the input, `<name without extension>.thumb.<jpg|png>`; `cat.jpg` →
///   `cat.thumb.jpg`. The `.thumb.` infix means the output name can never equal the input's.
/// - several `--size` entries without `--name`: `-<size>` after the name, as `fetch` names them (`cat-128.thumb.jpg`,
///   `DIR/cat-128.jpg`).
enum OutputNamer {
    static let infix = ".thumb."

    /// Whether a file name looks like one of thumbgen's default outputs (`x.thumb.jpg`).
    static func isThumbnailName(_ name: String) -> Bool {
        let lower = name.lowercased()
        return ResizeSettings.formatsByExtension.keys.contains { lower.hasSuffix(infix + $0) }
    }

    /// What one output's name depends on beyond the input.
    struct Target: Sendable {
        /// `jpg` or `png` (`*` while the format is not known yet).
        var fileExtension: String
        /// The `--size` entry's label, e.g. `256` or `256x256`.
        var size: String
        /// Thumbnail pixels (`*` while not known yet).
        var width: String = "*"
        var height: String = "*"
    }

    /// The output path of `input` for `target` under `settings` (`-o`, `--name`, `--out-dir`, `--size`).
    static func outputPath(for input: InputFile, target: Target, settings: ResizeSettings) -> String {
        if let output = settings.output { return output }
        if let template = settings.nameTemplate {
            let folder = input.path == "-" || Path.isKernelPath(input.path) ? "" : Path.directory(of: input.path)
            // Under --out-dir, `{dir}` never leads out of it: `..` and `.` parts are dropped
            // (`../tree/a` → `tree/a`), as tar does with member names.
            let dir =
                settings.outDirectory == nil
                ? folder : folder.split(separator: "/").filter { $0 != ".." && $0 != "." }.joined(separator: "/")
            let expanded = template.expand([
                "name": Path.stem(of: input.relativePath), "ext": target.fileExtension, "size": target.size,
                "width": target.width, "height": target.height, "dir": dir == "." ? "" : dir,
                "inext": Path.fileExtension(of: input.relativePath),
            ])
            guard let outDirectory = settings.outDirectory else { return expanded }
            return Path.join(outDirectory, expanded.hasPrefix("/") ? String(expanded.dropFirst()) : expanded)
        }
        let sizeSuffix = settings.sizes.count > 1 ? "-" + target.size : ""
        if let outDirectory = settings.outDirectory {
            let relative = input.relativePath
            let folder = relative.contains("/") ? Path.directory(of: relative) : ""
            let name = Path.stem(of: relative) + sizeSuffix + "." + target.fileExtension
            return Path.join(outDirectory, folder.isEmpty ? name : folder + "/" + name)
        }
        let name = Path.stem(of: input.relativePath) + sizeSuffix + infix + target.fileExtension
        // `/dev/stdin`, `/dev/fd/63` (a process substitution): named in the current folder, never
        // beside the device (`/dev/stdin.thumb.jpg`).
        if Path.isKernelPath(input.path) { return name }
        return input.path.contains("/") ? Path.join(Path.directory(of: input.path), name) : name
    }

    /// How names are made, for clash messages: the `--name` template, or the default rule
    /// written as one (`{name}.thumb.{ext}` beside the input).
    static func describe(_ settings: ResizeSettings) -> String {
        if let template = settings.nameTemplate { return "--name '\(template.text)'" }
        let size = settings.sizes.count > 1 ? "-{size}" : ""
        if settings.outDirectory != nil { return "the default name '{name}\(size).{ext}' in --out-dir" }
        return "the default name '{name}\(size).thumb.{ext}' beside the input"
    }
}
