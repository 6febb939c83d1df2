import ThumbgenBasics

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

    /// The path in messages: `standard input` for `-`.
    var displayName: String { path == "-" ? "standard input" : path }

    /// The folder named on the command line that this input was found in (its own folder for a
    /// file named directly): `photos/a/b.jpg` found as `a/b.jpg` under `photos` → `photos`.
    var root: String {
        let prefix = String(path.dropLast(relativePath.count))
        return prefix.isEmpty ? "." : Path.trimTrailingSlashes(prefix)
    }
}

/// Expands the command line's files and folders into the list of images to process.
///
/// Rules: a file named directly is always taken (its content decides whether it is an image);
/// a folder contributes the regular files in it whose extension is `jpg`, `jpeg`, `png`, `webp` or `avif` (any
/// case), sorted by name, skipping hidden files, FIFOs, devices and thumbgen's own outputs
/// (`*.thumb.jpg`, `*.thumb.png`, `*.thumb.webp`, `*.thumb.avif`), descending into sub-folders only with `recursive`. A folder
/// reached twice (a symlink loop, or two links to one folder) is walked once, by device and
/// inode; a file given twice is taken once. A path that does not exist or a folder that cannot
/// be read is reported in `failures` and the rest of the batch still goes on. `-` is standard
/// input (named `stdin` for output names). Folders in `excluding` (the `--out-dir`) are never
/// walked into, so a second run never takes the first run's thumbnails as originals.
enum InputCollector {
    static let imageExtensions: Set<String> = ["jpg", "jpeg", "png", "webp", "avif"]

    /// What the command line expands to.
    struct Collection: Sendable {
        var files: [InputFile] = []
        /// Paths that could not be used, each with the reason.
        var failures: [FileError] = []
    }

    /// A file or folder's identity on disk.
    private struct NodeID: Hashable {
        var device: UInt64
        var inode: UInt64

        init(_ status: stat) {
            device = UInt64(status.st_dev)
            inode = UInt64(status.st_ino)
        }
    }

    ///   - anyName: take every regular, non-hidden file found in a folder, not only `*.jpg`,
    ///     `*.jpeg` and `*.png` (`upload --recursive` judges files by their content).
    static func collect(_ paths: [String], recursive: Bool, excluding: [String] = [], anyName: Bool = false) -> Collection {
        var collection = Collection()
        var excludedFolders = Set<NodeID>()
        for folder in excluding {
            var status = stat()
            if stat(folder, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR { excludedFolders.insert(NodeID(status)) }
        }
        var visitedFolders = Set<NodeID>()
        var takenFiles = Set<NodeID>()
        var tookStandardInput = false
        for path in paths {
            if path == "-" {
                if !tookStandardInput { collection.files.append(InputFile(path: "-", relativePath: "stdin")) }
                tookStandardInput = true
                continue
            }
            var status = stat()
            guard stat(path, &status) == 0 else {
                collection.failures.append(
                    errno == ENOENT
                        ? FileError(path: path, reason: "no such file or folder")
                        : FileError(path: path, errno: errno))
                continue
            }
            if (status.st_mode & S_IFMT) == S_IFDIR {
                walk(folder: path, relative: "", recursive: recursive, anyName: anyName, excluded: excludedFolders, visited: &visitedFolders, taken: &takenFiles, into: &collection)
            } else if takenFiles.insert(NodeID(status)).inserted {
                collection.files.append(InputFile(path: path, relativePath: Path.lastComponent(of: path)))
            }
        }
        return collection
    }

    /// Whether a file found in a folder is taken as an input (by name; the caller checks it is a regular file).
    static func isCandidate(name: String) -> Bool {
        guard !name.hasPrefix(".") else { return false }
        guard imageExtensions.contains(Path.fileExtension(of: name)) else { return false }
        return !OutputNamer.isThumbnailName(name)
    }

    /// Walks `folder`; a top-level folder is walked even when it is in `excluded` (the user
    /// named it), sub-folders in `excluded` never.
    private static func walk(
        folder: String, relative: String, recursive: Bool, anyName: Bool, excluded: Set<NodeID>, visited: inout Set<NodeID>,
        taken: inout Set<NodeID>, into collection: inout Collection
    ) {
        var folderStatus = stat()
        guard stat(folder, &folderStatus) == 0, visited.insert(NodeID(folderStatus)).inserted else { return }
        guard let directory = opendir(folder) else {
            collection.failures.append(FileError(path: folder, errno: errno))
            return
        }
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
            var status = stat()
            guard stat(path, &status) == 0 else { continue }
            switch status.st_mode & S_IFMT {
            case S_IFDIR:
                if recursive, !name.hasPrefix("."), !excluded.contains(NodeID(status)) {
                    walk(folder: path, relative: relativePath, recursive: true, anyName: anyName, excluded: excluded, visited: &visited, taken: &taken, into: &collection)
                }
            case S_IFREG:
                if anyName ? !name.hasPrefix(".") : isCandidate(name: name), taken.insert(NodeID(status)).inserted {
                    collection.files.append(InputFile(path: path, relativePath: relativePath))
                }
            default:
                continue
            }
        }
    }
}
