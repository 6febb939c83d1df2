import Crypto
import ThumbgenBasics

#if canImport(Glibc)
import Glibc
#endif

/// Where a key's file lives. S3 keys are names, not paths: `c` and `c/d.jpg` are two objects,
/// and a segment may be as long as the whole key (1,024 bytes). A folder cannot hold both a
/// file `c` and a folder `c`, and a file name is at most `NAME_MAX` (255) bytes, less the
/// temporary file's affixes (`.NAME.tmp-XXXXXX`). So a key is kept at its natural path,
/// `ROOT/BUCKET/KEY`, whenever that can be a regular file, and otherwise in the bucket's
/// side folder `ROOT/.thumbgen-keys/BUCKET/SHA256(KEY)` (a bucket name never starts with a
/// dot, so that folder is no bucket).
///
/// Reads look at the natural path first (a regular file there is the object), then the side
/// folder. A write goes to the natural path when it can (and then removes any side copy), else
/// to the side folder; since a folder in the store is never removed, a key once kept aside
/// never gets a natural file while its side copy lives, so reads always find the newest.
extension FolderObjectStore {
    /// The folder beside the buckets that holds keys without a usable natural path.
    package static let sideFolder = ".thumbgen-keys"

    /// The longest key, bytes (S3's limit: "Creating object key names", Amazon S3 User Guide).
    package static let maximumKeyBytes = 1024

    /// Bytes of a file name kept free for the temporary file's affixes (`.` + `.tmp-XXXXXX`).
    static let temporaryAffixBytes = 12

    /// The side path of `bucket`/`key`: `ROOT/.thumbgen-keys/BUCKET/` + 64 hex digits.
    func sidePath(bucket: String, key: String) -> String {
        let digest = SHA256.hash(data: Array(key.utf8))
        let hex = digest.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        return root + "/" + Self.sideFolder + "/" + bucket + "/" + hex
    }

    /// Whether `path` (under `bucketFolder`) can hold a regular file: every segment short
    /// enough with the temporary file's affixes, every existing ancestor a folder, and the path
    /// itself not a folder.
    func naturalPathIsUsable(_ path: String, key: String, bucketFolder: String) -> Bool {
        let segments = key.split(separator: "/")
        guard segments.allSatisfy({ $0.utf8.count + Self.temporaryAffixBytes <= Int(NAME_MAX) }) else { return false }
        var current = bucketFolder
        for segment in segments.dropLast() {
            current += "/" + segment
            var status = stat()
            if stat(current, &status) != 0 { return errno == ENOENT }
            if status.st_mode & S_IFMT != S_IFDIR { return false }
        }
        var status = stat()
        if stat(path, &status) != 0 { return errno == ENOENT }
        return status.st_mode & S_IFMT != S_IFDIR
    }

    /// The file holding `bucket`/`key` now: its natural path when that is a regular file,
    /// else its side path when that exists, else nil.
    func existingFile(bucket: String, key: String) throws(ServiceError) -> String? {
        let natural = try path(bucket: bucket, key: key)
        if FileIO.isRegularFile(natural) { return natural }
        let side = sidePath(bucket: bucket, key: key)
        return FileIO.isRegularFile(side) ? side : nil
    }

    /// The file a write of `bucket`/`key` goes to, with its folder created, and the side copy
    /// to remove after it (when the write goes to the natural path).
    func fileForWriting(bucket: String, key: String) throws(ServiceError) -> (path: String, stale: String?) {
        let natural = try path(bucket: bucket, key: key)
        let side = sidePath(bucket: bucket, key: key)
        if naturalPathIsUsable(natural, key: key, bucketFolder: root + "/" + bucket) {
            do {
                try FileIO.createDirectory(Path.directory(of: natural))
                return (natural, side)
            } catch {
                // A file appeared where a folder is needed: fall through to the side folder.
            }
        }
        do { try FileIO.createDirectory(Path.directory(of: side)) } catch {
            throw ServiceError(.storage, "\(bucket)/\(key): cannot write: \(error.reason)")
        }
        return (side, nil)
    }
}
