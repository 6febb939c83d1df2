import ThumbgenBasics

/// Decides each thumbnail's file name.
///
/// Rules (documented in `thumbgen resize --help`):
/// - `-o FILE` (one input only): exactly FILE.
/// - `--out-dir DIR`: `DIR/<relative path without extension>.<jpg|png>`, so `a/b.png` found
///   under a folder becomes `DIR/a/b.jpg` for JPEG output.
/// - otherwise: beside the input, `<name without extension>.thumb.<jpg|png>`; `cat.jpg` →
///   `cat.thumb.jpg`. The `.thumb.` infix means the output name can never equal the input's.
enum OutputNamer {
    static let infix = ".thumb."

    /// Whether a file name looks like one of thumbgen's default outputs (`x.thumb.jpg`).
    static func isThumbnailName(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower.hasSuffix(infix + "jpg") || lower.hasSuffix(infix + "png")
    }

    /// The output path of `input` for the given file extension (`jpg` or `png`).
    static func outputPath(for input: InputFile, fileExtension: String, output: String?, outDirectory: String?) -> String {
        if let output { return output }
        if let outDirectory {
            let relative = input.relativePath
            let folder = relative.contains("/") ? Path.directory(of: relative) : ""
            let name = Path.stem(of: relative) + "." + fileExtension
            return Path.join(outDirectory, folder.isEmpty ? name : folder + "/" + name)
        }
        let folder = Path.directory(of: input.path)
        let name = Path.stem(of: input.path) + infix + fileExtension
        return input.path.contains("/") ? Path.join(folder, name) : name
    }
}
