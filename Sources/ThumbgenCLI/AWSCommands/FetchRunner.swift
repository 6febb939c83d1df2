import Dispatch
import ThumbgenAWS
import ThumbgenBasics
import ThumbgenService

/// Runs a fetch batch in two passes over `jobs` workers: find each key's thumbnail (HEAD,
/// polling with `--wait`), then download the found ones (or presign their URLs) with one byte
/// progress bar for the whole batch.
final class FetchRunner: @unchecked Sendable {
    private let settings: FetchSettings
    private let keys: [String]
    private let client: S3Client
    private let thumbnailsBucket: String
    private let originalsBucket: String?
    private let console: Console
    private let lock = Lock()
    private var failed = 0
    private var claimedOutputs: [String: String] = [:]
    private var progress: TransferProgress?

    init(
        settings: FetchSettings, keys: [String], client: S3Client, thumbnailsBucket: String,
        originalsBucket: String?, console: Console
    ) {
        self.settings = settings
        self.keys = keys
        self.client = client
        self.thumbnailsBucket = thumbnailsBucket
        self.originalsBucket = originalsBucket
        self.console = console
    }

    /// - Returns: 0 when every key succeeded, 1 when any failed, 130 when interrupted.
    func run() -> Int32 {
        Interruption.install()
        let found = forEach(Array(keys.indices)) { index in self.find(index) }.compactMap { $0 }
        if Interruption.requested { return 130 }
        let total = found.reduce(Int64(0)) { $0 + $1.info.size }
        if !settings.presign, console.errorIsTerminal, !settings.json, !settings.quiet,
            TransferProgress.isWorthShowing(files: found.count, bytes: total)
        {
            progress = TransferProgress(totalBytes: total, totalFiles: found.count, console: console)
        }
        _ = forEach(found) { self.deliver($0) }
        progress?.close()
        if Interruption.requested { return 130 }
        return failed > 0 ? 1 : 0
    }

    /// A thumbnail that exists: the original's key, the thumbnail's key and HEAD's answer.
    private struct Found: Sendable {
        var index: Int
        var key: String
        var thumbnailKey: String
        var info: S3ObjectInfo
    }

    /// Runs `body` on every element with up to `jobs` workers, stopping early on SIGINT.
    private func forEach<Element: Sendable, Result: Sendable>(_ elements: [Element], _ body: @escaping @Sendable (Element) -> Result?) -> [Result?] {
        let results = ResultSlots<Result>(count: elements.count)
        let next = ResultSlots<Int>(count: 1)
        guard !elements.isEmpty else { return [] }
        DispatchQueue.concurrentPerform(iterations: min(settings.jobs, elements.count)) { _ in
            while let index = next.claimNext(limit: elements.count), !Interruption.requested {
                results.set(index, body(elements[index]))
            }
        }
        return results.values
    }

    private func find(_ index: Int) -> Found? {
        let key = keys[index]
        let candidates = ThumbnailTargets.candidateFormats(settings.format).map {
            ThumbnailKey.thumbnailKey(originalKey: key, size: settings.size, format: $0)
        }
        // `--presign` signs locally, like `aws s3 presign`: no request when the key is known
        // without asking S3 (one format; with auto, a JPEG original always gives JPEG).
        if settings.presign, let offline = ThumbnailTargets.offlineFormat(requested: settings.format, originalKey: key) {
            let thumbnailKey = ThumbnailKey.thumbnailKey(originalKey: key, size: settings.size, format: offline)
            return Found(
                index: index, key: key, thumbnailKey: thumbnailKey,
                info: S3ObjectInfo(key: thumbnailKey, size: 0, eTag: nil, contentType: nil, lastModified: nil))
        }
        do {
            let outcome = try ThumbnailWaiter(client: client, bucket: thumbnailsBucket)
                .find(candidates, timeout: settings.wait ? settings.timeout : nil)
            switch outcome {
            case .found(let thumbnailKey, let info):
                return Found(index: index, key: key, thumbnailKey: thumbnailKey, info: info)
            case .interrupted:
                return nil
            case .missing:
                let (message, exists) = missingMessage(key: key, candidates: candidates)
                report(message, key: key, originalExists: exists)
            }
        } catch {
            report("\(error)", key: key, originalExists: nil)
        }
        return nil
    }

    /// Says whether the original exists, so the user knows whether to wait or to upload.
    private func missingMessage(key: String, candidates: [String]) -> (String, Bool?) {
        let keyList = candidates.map { "s3://\(thumbnailsBucket)/\($0)" }.joined(separator: " or ")
        let waited = settings.wait ? " after waiting \(DurationArgument.describe(settings.timeout))" : ""
        let head = "no \(settings.size)px thumbnail for '\(key)'\(waited): \(keyList) does not exist"
        guard let originalsBucket else {
            return (head + "; cannot tell whether the original exists (no originals bucket: set --bucket or THUMBGEN_ORIGINALS_BUCKET)", nil)
        }
        do {
            _ = try client.headObject(bucket: originalsBucket, key: key)
            let advice =
                settings.wait
                ? "the function may have failed on it (see 'thumbgen logs'), or --size/--format differ from its settings"
                : "the function may still be working (try --wait) or have failed on it (see 'thumbgen logs')"
            return (head + "; the original s3://\(originalsBucket)/\(key) exists: \(advice)", true)
        } catch  where error.serviceCode == "NoSuchKey" {
            if let missing = ThumbnailWaiter.missingBucket(originalsBucket, client: client) {
                return (head + "; checking the original failed: \(missing)", nil)
            }
            return (head + "; the original s3://\(originalsBucket)/\(key) does not exist either (upload it with 'thumbgen upload')", false)
        } catch {
            return (head + "; checking the original failed: \(error)", nil)
        }
    }

    private func deliver(_ found: Found) -> Bool? {
        var record = FetchRecord(key: found.key, bucket: thumbnailsBucket, thumbnailKey: found.thumbnailKey)
        do {
            if settings.presign {
                record.url = try client.presignedURL(.get, bucket: thumbnailsBucket, key: found.thumbnailKey, expires: settings.expires)
                record.expiresIn = settings.expires
            } else {
                let fileExtension = ThumbnailKey.parse(found.thumbnailKey)?.format.rawValue ?? "jpg"
                let output =
                    settings.output
                    ?? ThumbnailTargets.localPath(
                        name: found.key, size: settings.size, multipleSizes: false, fileExtension: fileExtension,
                        folder: ".", outDirectory: settings.outDirectory)
                if let owner = lock.withLock({ () -> String? in
                    if let owner = claimedOutputs[output] { return owner }
                    claimedOutputs[output] = found.key
                    return nil
                }) {
                    report(
                        "\(found.key): output \(output) is already the thumbnail of '\(owner)'; use --out-dir or fetch them one by one with -o", key: found.key, originalExists: nil
                    )
                    return nil
                }
                if let outDirectory = settings.outDirectory { try FileIO.createDirectory(outDirectory) }
                let progress = self.progress
                var onBytes: (@Sendable (Int64, Int64) -> Void)?
                if let progress { onBytes = { received, _ in progress.update(file: found.index, bytes: received) } }
                let info: S3ObjectInfo
                if OutputDestination.isPlainFileOrMissing(output) {
                    info = try client.getObject(bucket: thumbnailsBucket, key: found.thumbnailKey, to: output, progress: onBytes)
                } else {
                    // A device, FIFO or symlink (-o /dev/stdout) is written, never renamed over.
                    let object = try client.getObjectBytes(bucket: thumbnailsBucket, key: found.thumbnailKey)
                    try OutputDestination.write(object.bytes, to: output)
                    info = object.info
                }
                progress?.finish(file: found.index, bytes: found.info.size)
                record.output = output
                record.bytes = info.size
            }
        } catch {
            progress?.finish(file: found.index, bytes: found.info.size)
            report("\(error)", key: found.key, originalExists: nil)
            return nil
        }
        emit(record)
        return true
    }

    private func emit(_ record: FetchRecord) {
        let text: String
        if settings.json {
            text = JSONLine.encode(record)
        } else if let url = record.url {
            text = url
        } else {
            guard !settings.quiet else { return }
            text = "s3://\(record.bucket)/\(record.thumbnailKey) -> \(record.output ?? "") (\(ByteCount.format(Int(record.bytes ?? 0))))"
        }
        if let progress { progress.printing { console.line(text) } } else { console.line(text) }
    }

    private func report(_ message: String, key: String, originalExists: Bool?) {
        lock.withLock { failed += 1 }
        let write = {
            self.console.errorLine("thumbgen: \(message)")
            if self.settings.json {
                self.console.line(JSONLine.encode(TransferFailure(key: key, error: message, originalExists: originalExists)))
            }
        }
        if let progress { progress.printing(write) } else { write() }
    }
}

/// Results written by index from several threads, and a shared "next index" counter.
final class ResultSlots<Value: Sendable>: @unchecked Sendable {
    private let lock = Lock()
    private var slots: [Value?]
    private var next = 0

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Value?) { lock.withLock { slots[index] = value } }

    /// The next unclaimed index below `limit`, or nil when all are taken.
    func claimNext(limit: Int) -> Int? {
        lock.withLock {
            guard next < limit else { return nil }
            defer { next += 1 }
            return next
        }
    }

    var values: [Value?] { lock.withLock { slots } }
}
