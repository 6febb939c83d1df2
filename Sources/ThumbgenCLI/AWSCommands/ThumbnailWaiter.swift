import ThumbgenAWS
import ThumbgenBasics

/// Polls the thumbnails bucket with HeadObject until one of a thumbnail's candidate keys
/// exists or a deadline passes. Waits grow from 250 ms by half each time up to 5 s (never
/// past the deadline); the first SIGINT stops waiting.
struct ThumbnailWaiter: Sendable {
    /// The first wait, in milliseconds.
    static let firstDelay = 250
    /// The longest single wait, in milliseconds.
    static let maximumDelay = 5000

    let client: S3Client
    let bucket: String

    /// What a search found.
    enum Outcome: Sendable {
        /// The thumbnail exists under `key`.
        case found(key: String, info: S3ObjectInfo)
        /// No candidate exists (after the deadline, when waiting).
        case missing
        /// Ctrl-C was pressed while waiting.
        case interrupted
    }

    /// Looks for the first existing key of `candidates`, once, or until `timeout` when waiting.
    ///
    /// - Parameters:
    ///   - candidates: Keys to try, in order (e.g. the `.jpg` and `.png` thumbnail keys).
    ///   - timeout: How long to keep polling, in milliseconds; nil looks once.
    /// - Returns: The outcome.
    /// - Throws: ``AWSError`` for anything but a missing object (wrong credentials, no such bucket, ...).
    func find(_ candidates: [String], timeout: Int?) throws(AWSError) -> Outcome {
        let clock = ContinuousClock()
        let deadline = clock.now + .milliseconds(timeout ?? 0)
        var delay = Self.firstDelay
        while true {
            for key in candidates {
                do {
                    return .found(key: key, info: try client.headObject(bucket: bucket, key: key))
                } catch  where error.serviceCode == "NoSuchKey" || error.httpStatus == 404 {
                    continue
                }
            }
            let remaining = deadline - clock.now
            guard timeout != nil, remaining > .zero else {
                // HEAD cannot tell a missing key from a missing bucket (404 without a body).
                if let error = Self.missingBucket(bucket, client: client) { throw error }
                return .missing
            }
            let wait = min(Duration.milliseconds(delay), remaining)
            if !Self.sleep(wait) { return .interrupted }
            delay = min(delay * 3 / 2, Self.maximumDelay)
        }
    }

    /// The `NoSuchBucket` error when `bucket` does not exist, else nil (also when listing is
    /// not allowed: HeadObject and GetObject may be permitted without ListBucket).
    static func missingBucket(_ bucket: String, client: S3Client) -> AWSError? {
        do {
            _ = try client.listObjectsPage(bucket: bucket, maxKeys: 1)
            return nil
        } catch {
            return error.serviceCode == "NoSuchBucket" ? error : nil
        }
    }

    /// Sleeps in slices of 50 ms; returns false as soon as SIGINT has arrived.
    static func sleep(_ duration: Duration) -> Bool {
        var remaining = duration
        let slice = Duration.milliseconds(50)
        while remaining > .zero {
            if Interruption.requested { return false }
            let step = remaining < slice ? remaining : slice
            AWSClock.system.sleep(step)
            remaining -= step
        }
        return !Interruption.requested
    }
}
