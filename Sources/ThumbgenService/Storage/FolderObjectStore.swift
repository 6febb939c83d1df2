import FoundationEssentials
import ThumbgenBasics

#if canImport(Glibc)
import Glibc
#endif

/// An ``ObjectStore`` in a local folder: `ROOT/BUCKET/KEY`, each write to a unique temporary
/// file beside the object, then renamed into place (``FileIO/writeAtomically(_:to:mode:durable:)``, flushed), so
/// two writers of one key never share a temporary file. Content type and cache control are not
/// kept (a server reading it derives the type from the extension); user metadata is kept in
/// memory only (``MetadataMemory``), shared by the copies of this store value. Its "presigned" URLs are
/// `file://` URLs of the object's path; `thumbgen serve` wraps it for local URLs.
///
/// Any key S3 accepts is stored, including `c` beside `c/d.jpg` and segments longer than a file
/// name may be: those go to a side folder (see `FolderObjectStore+Layout.swift`).
/// Keys that could leave the bucket's folder are refused (``validate(key:)``). With a fixed set
/// of buckets, other bucket names are `.notFound`; without one, any single-segment name is used.
package struct FolderObjectStore: ObjectStore {
    /// The root folder, without a trailing `/`.
    package let root: String
    /// The buckets that exist (folders under ``root``), or nil to accept any bucket name.
    package let buckets: Set<String>?
    /// User metadata of the objects written through this store.
    let metadata = MetadataMemory()

    /// Creates a store rooted at `root` accepting any bucket name (folders created on first write).
    package init(root: String) {
        self.root = root
        buckets = nil
    }

    /// Creates a store holding exactly `buckets`, and their folders.
    ///
    /// - Throws: ``ServiceError`` `.storage` when a folder cannot be created.
    package init(root: String, buckets: Set<String>) throws(ServiceError) {
        self.root = root.count > 1 && root.hasSuffix("/") ? String(root.dropLast()) : root
        self.buckets = buckets
        for bucket in buckets {
            do { try FileIO.createDirectory(self.root + "/" + bucket) } catch {
                throw ServiceError(.storage, "\(error.path): cannot create folder: \(error.reason)")
            }
        }
    }

    /// Checks that `key` stays inside its bucket folder: not empty, no NUL byte, no leading
    /// `/`, no `.`, `..` or empty segment, at most ``maximumKeyBytes``.
    ///
    /// - Throws: ``ServiceError`` `.badRequest` naming the key and the rule.
    package static func validate(key: String) throws(ServiceError) {
        if key.isEmpty { throw ServiceError(.badRequest, "empty object key") }
        if key.utf8.count > maximumKeyBytes {
            throw ServiceError(.badRequest, "object key of \(key.utf8.count) bytes is longer than S3's limit of \(maximumKeyBytes)")
        }
        if key.utf8.contains(0) { throw ServiceError(.badRequest, "object key contains a NUL byte") }
        if key.hasPrefix("/") { throw ServiceError(.badRequest, "\(key): absolute keys are refused") }
        for segment in key.split(separator: "/", omittingEmptySubsequences: false) {
            if segment == ".." || segment == "." { throw ServiceError(.badRequest, "\(key): '\(segment)' segments are refused") }
            if segment.isEmpty { throw ServiceError(.badRequest, "\(key): empty path segments are refused") }
        }
    }

    /// The natural file of `bucket`/`key`, `ROOT/BUCKET/KEY` (where it is kept unless that
    /// cannot be a regular file: ``existingFile(bucket:key:)`` finds it).
    ///
    /// - Throws: ``ServiceError`` `.notFound` for a bucket outside ``buckets``, `.badRequest` for
    ///   a bad key or bucket name.
    package func path(bucket: String, key: String) throws(ServiceError) -> String {
        if let buckets {
            guard buckets.contains(bucket) else { throw ServiceError(.notFound, "\(bucket): no such bucket") }
        } else {
            guard !bucket.isEmpty, !bucket.contains("/"), !bucket.hasPrefix("."), !bucket.utf8.contains(0) else {
                throw ServiceError(.badRequest, "'\(bucket)': unusable bucket name")
            }
        }
        try Self.validate(key: key)
        return root + "/" + bucket + "/" + key
    }

    package func object(bucket: String, key: String) throws(ServiceError) -> StoredObject {
        guard let path = try existingFile(bucket: bucket, key: key) else {
            throw ServiceError(.notFound, "\(bucket)/\(key): no such object")
        }
        do { return StoredObject(bytes: try FileIO.read(path), metadata: metadata[path]) } catch {
            if error.isMissing { throw ServiceError(.notFound, "\(bucket)/\(key): no such object") }
            throw ServiceError(.storage, "\(bucket)/\(key): cannot read: \(error.reason)")
        }
    }

    package func put(
        bucket: String, key: String, bytes: [UInt8], contentType: String, cacheControl: String?,
        metadata: [String: String]
    ) throws(ServiceError) {
        let (path, stale) = try fileForWriting(bucket: bucket, key: key)
        do {
            try FileIO.writeAtomically(bytes, to: path)
        } catch {
            throw ServiceError(.storage, "\(bucket)/\(key): cannot write: \(error.reason)")
        }
        if let stale, unlink(stale) == 0 { self.metadata[stale] = [:] }
        self.metadata[path] = metadata
    }

    /// The file's size from `stat(2)`.
    package func size(bucket: String, key: String) throws(ServiceError) -> Int? {
        var status = stat()
        guard let path = try existingFile(bucket: bucket, key: key), stat(path, &status) == 0 else {
            throw ServiceError(.notFound, "\(bucket)/\(key): no such object")
        }
        return Int(status.st_size)
    }

    package func exists(bucket: String, key: String) throws(ServiceError) -> Bool {
        (try? existingFile(bucket: bucket, key: key)) != nil
    }

    package func presignedURL(method: String, bucket: String, key: String, expires: Int) throws(ServiceError) -> String {
        let natural = try path(bucket: bucket, key: key)
        return URL(fileURLWithPath: try existingFile(bucket: bucket, key: key) ?? natural).absoluteString
    }
}
