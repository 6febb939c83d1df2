#if canImport(Glibc)
import Glibc
#endif

/// One input image and where its thumbnail goes.
struct InputFile: Sendable, Equatable {
    /// The path as the user wrote it (or folder + name when found in a folder).
    var path: String
    /// The path relative to the folder it was found in (its own name for a file given directly);
    /// kept below `--out-dir` so a recursive batch keeps its tree.
    var relativePath: String
}

/// Expands the command line's files and folders into the list of images to process.
///
/// Rules: a file named directly is always taken (its content decides whether it is an image);
/// a folder contributes the files in it whose extension is `jpg`, `jpeg` or `png` (any case),
/// sorted by name, skipping hidden files and thumgen's own outputs (`*.thumb.jpg`,
/// `*.thumb.png`), descending into sub-folders only with `recursive`.
enum InputCollector {
    static let imageExtensions: Set<String> = ["jpg", "jpeg", "png"]

    /// - Throws: ``FileError`` for a path that does not exist or a folder that cannot be read.
    static func collect(_ paths: [String], recursive: Bool) throws(FileError) -> [InputFile] {
        var files: [InputFile] = []
        for path in paths {
            if FileIO.isDirectory(path) {
                try walk(folder: path, relative: "", recursive: recursive, into: &files)
            } else if FileIO.exists(path) {
                files.append(InputFile(path: path, relativePath: Path.lastComponent(of: path)))
            } else {
                throw FileError(path: path, reason: "no such file or folder")
            }
        }
        return files
    }

    /// Whether a file found in a folder is taken as an input.
    static func isCandidate(name: String) -> Bool {
        guard !name.hasPrefix(".") else { return false }
        guard imageExtensions.contains(Path.fileExtension(of: name)) else { return false }
        return !OutputNamer.isThumbnailName(name)
    }

    private static func walk(folder: String, relative: String, recursive: Bool, into files: inout [InputFile]) throws(FileError) {
        guard let directory = opendir(folder) else { throw FileError(path: folder, errno: errno) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != ".", name != ".." { names.append(name) }
        }
        closedir(directory)
        for name in names.sorted() {
            let path = Path.join(folder, name)
            let relativePath = relative.isEmpty ? name : relative + "/" + name
            if FileIO.isDirectory(path) {
                if recursive, !name.hasPrefix(".") {
                    try walk(folder: path, relative: relativePath, recursive: true, into: &files)
                }
            } else if isCandidate(name: name) {
                files.append(InputFile(path: path, relativePath: relativePath))
            }
        }
    }
}
