import Dispatch
import ThumbgenAWS
import ThumbgenBasics
import ThumbgenService

/// Runs an upload batch: `jobs` workers take files in order; each file is put (multipart when
/// large), its line printed, and with `--wait` its thumbnails are awaited and downloaded.
final class UploadRunner: @unchecked Sendable {
    private let settings: UploadSettings
    private let items: [UploadItem]
    private let client: S3Client
    private let originalsBucket: String
    private let thumbnailsBucket: String?
    private let console: Console
    private let progress: TransferProgress?
    private let lock = Lock()
    private var nextIndex = 0
    private var failed = 0

    init(
        settings: UploadSettings, items: [UploadItem], client: S3Client, originalsBucket: String,
        thumbnailsBucket: String?, console: Console
    ) {
        self.settings = settings
        self.items = items
        self.client = client
        self.originalsBucket = originalsBucket
        self.thumbnailsBucket = thumbnailsBucket
        self.console = console
        let total = items.reduce(Int64(0)) { $0 + $1.size }
        progress =
            console.errorIsTerminal && !settings.json && !settings.quiet
                && TransferProgress.isWorthShowing(files: items.count, bytes: total)
            ? TransferProgress(totalBytes: total, totalFiles: items.count, console: console) : nil
    }

    /// - Returns: 0 when every file (and with `--wait` every thumbnail) succeeded, 1 when any
    ///   failed, 130 when interrupted.
    func run() -> Int32 {
        Interruption.install()
        DispatchQueue.concurrentPerform(iterations: min(settings.jobs, items.count)) { _ in
            while let index = takeNext() { process(items[index]) }
        }
        progress?.close()
        if Interruption.requested { return 130 }
        return failed > 0 ? 1 : 0
    }

    private func takeNext() -> Int? {
        lock.withLock {
            guard nextIndex < items.count, !Interruption.requested else { return nil }
            defer { nextIndex += 1 }
            return nextIndex
        }
    }

    private func process(_ item: UploadItem) {
        let progress = self.progress
        var onBytes: (@Sendable (Int64, Int64) -> Void)?
        if let progress { onBytes = { sent, _ in progress.update(file: item.index, bytes: sent) } }
        do {
            try client.putObject(
                bucket: originalsBucket, key: item.key, file: item.path, contentType: item.format.mimeType,
                progress: onBytes)
            progress?.finish(file: item.index, bytes: item.size)
        } catch {
            progress?.finish(file: item.index, bytes: item.size)
            report(failure: "\(error)", file: item.path)
            return
        }
        var record = UploadRecord(
            file: item.path, bucket: originalsBucket, key: item.key, bytes: item.size,
            contentType: item.format.mimeType,
            thumbnails: item.thumbnails.map { UploadedThumbnail(size: $0.size, bucket: thumbnailsBucket, key: $0.key) })
        var failure: String?
        if settings.wait, let thumbnailsBucket {
            do {
                failure = try waitForThumbnails(&record, item: item, bucket: thumbnailsBucket)
            } catch {
                failure = "\(error)"
            }
        }
        print(record)
        if let failure { report(failure: failure, file: item.path) }
    }

    /// Waits for each thumbnail of `item` and downloads it, filling `record`.
    ///
    /// - Returns: A message for the first thumbnail that did not appear, or nil.
    private func waitForThumbnails(_ record: inout UploadRecord, item: UploadItem, bucket: String) throws(AWSError) -> String? {
        let waiter = ThumbnailWaiter(client: client, bucket: bucket)
        let folder = item.path.contains("/") ? Path.directory(of: item.path) : "."
        // One file per size and format: `-SIZE` only tells several sizes apart (formats differ by extension).
        let multipleSizes = Set(item.thumbnails.map(\.size)).count > 1
        for (position, thumbnail) in item.thumbnails.enumerated() {
            switch try waiter.find([thumbnail.key], timeout: settings.timeout) {
            case .found(let key, _):
                let fileExtension = ThumbnailKey.parse(key)?.format.rawValue ?? "jpg"
                let output = ThumbnailTargets.localPath(
                    name: item.path, size: thumbnail.size, multipleSizes: multipleSizes,
                    fileExtension: fileExtension, folder: folder, outDirectory: settings.outDirectory)
                do {
                    try FileIO.createDirectory(Path.directory(of: output))
                } catch {
                    return "\(error)"
                }
                if let existing = FileIO.realPath(output), existing == FileIO.realPath(item.path) {
                    return "\(item.path): the thumbnail's output \(output) is the original itself; refusing to overwrite it (choose another --out-dir)"
                }
                let info = try client.getObject(bucket: bucket, key: key, to: output)
                record.thumbnails[position].output = output
                record.thumbnails[position].bytes = info.size
            case .missing:
                return "\(item.path): thumbnail s3://\(bucket)/\(thumbnail.key) did not appear within "
                    + "\(DurationArgument.describe(settings.timeout)); the original is uploaded, but the function may have failed (see 'thumbgen logs')"
            case .interrupted:
                return "\(item.path): interrupted while waiting for s3://\(bucket)/\(thumbnail.key)"
            }
        }
        return nil
    }

    private func print(_ record: UploadRecord) {
        if settings.json {
            emit(JSONLine.encode(record))
            return
        }
        guard !settings.quiet else { return }
        var lines = ["\(record.file) -> s3://\(record.bucket)/\(record.key) (\(ByteCount.format(Int(record.bytes))), \(record.contentType))"]
        for thumbnail in record.thumbnails {
            var line = "  thumbnail \(thumbnail.size)px: " + (thumbnail.bucket.map { "s3://\($0)/" } ?? "") + thumbnail.key
            if let output = thumbnail.output { line += " -> \(output) (\(ByteCount.format(Int(thumbnail.bytes ?? 0))))" }
            lines.append(line)
        }
        emit(lines.joined(separator: "\n"))
    }

    private func report(failure message: String, file: String) {
        lock.withLock { failed += 1 }
        let write = {
            self.console.errorLine("thumbgen: \(message)")
            if self.settings.json { self.console.line(JSONLine.encode(TransferFailure(file: file, error: message))) }
        }
        if let progress { progress.printing(write) } else { write() }
    }

    private func emit(_ text: String) {
        if let progress { progress.printing { console.line(text) } } else { console.line(text) }
    }
}
