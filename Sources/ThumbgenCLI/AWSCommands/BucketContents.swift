import ThumbgenAWS
import ThumbgenDeploy

/// What is left in one of the stack's buckets: every object version and delete marker (both
/// buckets are versioned, so deleting the current objects still leaves versions, and S3
/// refuses to delete a bucket that holds any: `BucketNotEmpty`).
struct BucketContents: Sendable, Equatable {
    /// The bucket's name.
    var bucket: String
    /// Every version and delete marker, as ListObjectVersions lists them.
    var versions: [S3ObjectVersion]
    /// False when the bucket does not exist (never created, or already deleted).
    var exists: Bool

    /// Keys that have at least one stored version.
    var objectCount: Int { Set(versions.filter { !$0.isDeleteMarker }.map(\.key)).count }
    /// Stored versions (current and older), delete markers not counted.
    var versionCount: Int { versions.count - deleteMarkerCount }
    /// Delete markers.
    var deleteMarkerCount: Int { versions.filter(\.isDeleteMarker).count }

    /// `s3://B: 3 objects in 5 versions and 1 delete marker (12.3 KB)`, or `s3://B: empty`.
    var summary: String {
        guard !versions.isEmpty else { return "s3://\(bucket): empty" }
        func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
        var text = "s3://\(bucket): \(count(objectCount, "object")) in \(count(versionCount, "version"))"
        if deleteMarkerCount > 0 { text += " and \(count(deleteMarkerCount, "delete marker"))" }
        let bytes = versions.reduce(Int64(0)) { $0 + $1.size }
        return text + " (\(bytes) bytes)"
    }

    /// Lists `bucket`'s versions and delete markers.
    ///
    /// - Throws: ``DeployError`` `.storage` naming the bucket and S3's answer; a bucket that
    ///   does not exist is not an error (``exists`` is false).
    static func read(bucket: String, client: S3Client) throws(DeployError) -> BucketContents {
        do {
            return BucketContents(bucket: bucket, versions: try client.listObjectVersions(bucket: bucket), exists: true)
        } catch  where error.serviceCode == "NoSuchBucket" {
            return BucketContents(bucket: bucket, versions: [], exists: false)
        } catch {
            throw DeployError(.storage, "cannot list what is left in s3://\(bucket): \(error.message)")
        }
    }

    /// Deletes every listed version and delete marker (DeleteObjects, by version id).
    ///
    /// - Throws: ``DeployError`` `.storage` naming the bucket and the first key S3 refused.
    func deleteAll(client: S3Client) throws(DeployError) {
        guard !versions.isEmpty else { return }
        let failures: [S3DeleteFailure]
        do {
            failures = try client.deleteObjects(bucket: bucket, versions.map { ($0.key, $0.versionID) })
        } catch {
            throw DeployError(.storage, "cannot delete the versions in s3://\(bucket): \(error.message)")
        }
        if let first = failures.first {
            throw DeployError(.storage, "s3://\(bucket): \(failures.count) versions were not deleted; first '\(first.key)': \(first.code) \(first.message)")
        }
    }
}
