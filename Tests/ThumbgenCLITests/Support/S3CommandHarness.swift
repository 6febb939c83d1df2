import Foundation
import ThumbgenAWS
import ThumbgenImaging
import ThumbgenLambda
import ThumbgenService
import ThumbgenTestSupport

/// Runs `thumbgen upload` / `thumbgen fetch` as a user would, against the tests' SeaweedFS
/// (`Tests/Support/SeaweedFS.swift`, in the shared ThumbgenTestSupport target), with two fresh
/// buckets, a fresh working folder and an environment that holds only what the test gives.
struct S3CommandHarness {
    let server: SeaweedFS
    let client: S3Client
    let originals: String
    let thumbnails: String
    let folder: TemporaryFolder

    init(label: String) throws {
        server = try SeaweedFS.server()
        client = server.makeClient()
        originals = try server.makeBucket("\(label)-in")
        thumbnails = try server.makeBucket("\(label)-out")
        folder = try TemporaryFolder()
    }

    /// Credentials and region for the test server; no HOME, so no ~/.aws files are read.
    func environment(secret: String = SeaweedFS.secretAccessKey) -> [String: String] {
        [
            "AWS_ACCESS_KEY_ID": SeaweedFS.accessKeyID, "AWS_SECRET_ACCESS_KEY": secret,
            "AWS_REGION": SeaweedFS.region, "HOME": "/nonexistent", "PATH": "/usr/bin:/bin",
        ]
    }

    /// `--endpoint-url URL --bucket IN --thumbnails-bucket OUT`.
    var flags: [String] { ["--endpoint-url", server.endpoint, "--bucket", originals, "--thumbnails-bucket", thumbnails] }

    /// Runs `thumbgen ARGUMENTS FLAGS` in the working folder.
    func run(_ arguments: [String], flags: [String]? = nil, environment: [String: String]? = nil) throws -> BinaryRunner.Result {
        try BinaryRunner.run(arguments + (flags ?? self.flags), in: folder.url, environment: environment ?? self.environment())
    }

    /// Starts `thumbgen ARGUMENTS FLAGS` on another thread; `wait()` on the result returns its outcome.
    func start(_ arguments: [String]) -> PendingRun {
        let pending = PendingRun()
        let full = arguments + flags, directory = folder.url, environment = self.environment()
        Thread.detachNewThread {
            pending.finish(Result { try BinaryRunner.run(full, in: directory, environment: environment) })
        }
        return pending
    }

    /// Copies a shipped example into the working folder under `name`.
    func example(_ example: String, as name: String) throws -> String {
        try folder.copy(BinaryRunner.example(example), as: name)
    }

    /// Runs the real thumbnail function (ThumbgenService's `ThumbnailFunction`, what the
    /// Lambda runs) on the S3 `ObjectCreated:Put` event for original `key`, as the bucket's
    /// trigger would; `file` is put there first when the original is not in the bucket yet.
    ///
    /// - Returns: The `size`-pixel thumbnail's key and bytes, read back from the thumbnails bucket
    ///   (the first of JPEG, PNG, WebP, AVIF made, with several `formats`).
    @discardableResult
    func runFunction(on key: String, from file: String, size: Int = 256, formats: [OutputFormat] = [.auto]) throws -> (key: String, bytes: [UInt8]) {
        if (try? client.headObject(bucket: originals, key: key)) == nil {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: file)))
            try client.putObject(bucket: originals, key: key, bytes: bytes, contentType: ImageFormat.sniff(bytes)?.mimeType ?? "image/jpeg")
        }
        let function = ThumbnailFunction(
            configuration: try ServiceConfiguration(originalsBucket: originals, thumbnailsBucket: thumbnails, sizes: [size], formats: formats),
            store: S3ObjectStore(client: client))
        let event: [String: Any] = [
            "Records": [
                [
                    "eventVersion": "2.1", "eventSource": "aws:s3", "awsRegion": SeaweedFS.region, "eventName": "ObjectCreated:Put",
                    "s3": [
                        "s3SchemaVersion": "1.0", "bucket": ["name": originals, "arn": "arn:aws:s3:::\(originals)"],
                        "object": ["key": S3EventKey.encode(key), "size": 1],
                    ],
                ]
            ]
        ]
        var log = LambdaLogRecord()
        _ = try function.handle(
            LambdaInvocation(
                requestID: "harness", deadlineMilliseconds: Int64(Date().timeIntervalSince1970 * 1000) + 60_000,
                payload: Array(try JSONSerialization.data(withJSONObject: event))), log: &log)
        for format in ThumbnailKeyFormat.allCases {
            let thumbnailKey = ThumbnailKey.thumbnailKey(originalKey: key, size: size, format: format)
            if let stored = try? client.getObjectBytes(bucket: thumbnails, key: thumbnailKey) { return (thumbnailKey, stored.bytes) }
        }
        throw HarnessError("the function made no \(size)px thumbnail of \(key): \(log)")
    }

    /// Polls until `key` exists in `bucket` (at most 20 s).
    func waitForObject(_ key: String, in bucket: String) throws {
        for _ in 0..<200 {
            if (try? client.headObject(bucket: bucket, key: key)) != nil { return }
            usleep(100_000)
        }
        throw HarnessError("\(key) never appeared in \(bucket)")
    }

    /// The bytes of a file in the working folder.
    func bytes(_ name: String) throws -> [UInt8] { Array(try Data(contentsOf: folder.url.appendingPathComponent(name))) }

    /// Each stdout line parsed as a JSON object.
    static func jsonLines(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map { line in
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw HarnessError("not a JSON object: \(line)")
            }
            return object
        }
    }

    struct HarnessError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}

/// The outcome of a `thumbgen` run on another thread.
final class PendingRun: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<BinaryRunner.Result, any Error>?

    func finish(_ result: Result<BinaryRunner.Result, any Error>) {
        self.result = result
        done.signal()
    }

    /// Blocks until the run ends.
    func wait() throws -> BinaryRunner.Result {
        done.wait()
        guard let result else { throw S3CommandHarness.HarnessError("no result") }
        return try result.get()
    }
}
