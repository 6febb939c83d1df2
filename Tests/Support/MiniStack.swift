import Foundation
import Glibc
import ThumbgenHTTP

/// A real MiniStack (`ministack==1.5.33`, a local AWS emulator: S3 with bucket notifications,
/// Lambda running `provided.al2023` bootstraps as local processes, API Gateway v2, CloudWatch
/// Logs, IAM, STS) on 127.0.0.1 and a free port, started once per test process.
///
/// Configured by its environment (MiniStack's `app.py`): `GATEWAY_PORT` (the one port of every
/// service), `BIND_HOST=127.0.0.1`, `TMPDIR` (its pid file and the unpacked function code, per
/// instance), `S3_DATA_DIR`, and `AWS_ENDPOINT_URL` set to itself, which it hands to every
/// function it starts. An HTTP API is reached with `Host: {apiId}.execute-api.localhost`
/// (curl and Chromium resolve `*.localhost` to the loopback address).
///
/// It runs under `sh` in its own process group; when the test process's end of a pipe closes
/// (normal exit or crash), `sh` sends SIGTERM to the group (MiniStack and the function
/// processes it started), then SIGKILL, and deletes its temporary folder.
///
/// Installed by `.ci/install-test-deps` into its own virtual environment
/// (`/opt/thumbgen-test-tools/ministack`; it pins botocore); `THUMBGEN_MINISTACK` names
/// another executable.
package final class MiniStack: @unchecked Sendable {
    /// Credentials MiniStack accepts (it does not check them unless `AUTH=true`).
    package static let accessKeyID = "test"
    package static let secretAccessKey = "test"
    package static let region = "us-east-1"
    /// The account id MiniStack answers with (`MINISTACK_ACCOUNT_ID`'s default).
    package static let accountID = "000000000000"

    /// The `ministack` executable: `THUMBGEN_MINISTACK`, else the test-tools venv's, else PATH's.
    package static let executable: String? = {
        let environment = ProcessInfo.processInfo.environment
        let candidates =
            [environment["THUMBGEN_MINISTACK"], "/opt/thumbgen-test-tools/ministack/bin/ministack"].compactMap { $0 }
            + (environment["PATH"] ?? "").split(separator: ":").map { "\($0)/ministack" }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// Whether MiniStack can be started.
    package static var isInstalled: Bool { executable != nil }
    /// Why the tests were skipped (for `.enabled(if:_:)`, as `Comment(rawValue:)`).
    package static let skipMessage =
        "ministack not found: run .ci/install-test-deps (installs ministack==1.5.33 into /opt/thumbgen-test-tools/ministack)"

    /// The server of this test process, started on first use.
    package static let shared: Result<MiniStack, any Error> = Result { try MiniStack() }

    /// The shared server, or why it did not start.
    package static func server() throws -> MiniStack { try shared.get() }

    /// `http://127.0.0.1:PORT`.
    package let endpoint: String
    /// The TCP port.
    package let port: Int
    /// Its temporary folder: `ministack.log`, S3 data, unpacked function code.
    package let folder: String
    private let process: Process
    private let keepAlive: Pipe

    private init() throws {
        guard let executable = Self.executable else { throw StartError(description: "ministack is not installed") }
        port = try LoopbackPort.free()
        endpoint = "http://127.0.0.1:\(port)"
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("thumbgen-ministack-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder + "/s3", withIntermediateDirectories: true)
        process = Process()
        keepAlive = Pipe()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // setsid: MiniStack leads its own process group, so one kill reaches the function
        // processes it started too (a non-interactive sh has no job control for `set -m`).
        process.arguments = [
            "-c",
            """
            setsid "$0" </dev/null >>"$1/ministack.log" 2>&1 & pid=$!
            cat >/dev/null; kill -TERM -$pid 2>/dev/null; sleep 2; kill -KILL -$pid 2>/dev/null
            rm -rf "$1"
            """, executable, folder,
        ]
        var environment = ProcessInfo.processInfo.environment
        environment["GATEWAY_PORT"] = String(port)
        environment["BIND_HOST"] = "127.0.0.1"
        environment["TMPDIR"] = folder
        environment["S3_DATA_DIR"] = folder + "/s3"
        environment["AWS_ENDPOINT_URL"] = endpoint
        environment["MINISTACK_REGION"] = Self.region
        environment["LOG_LEVEL"] = "INFO"
        process.environment = environment
        process.standardInput = keepAlive
        // Off the test's stdout/stderr: `swift test` waits for every holder of its pipes to exit.
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()

        let http = CurlHTTPClient()
        let deadline = Date().addingTimeInterval(60)
        while true {
            let health = try? http.send(HTTPRequest(method: "GET", url: "\(endpoint)/_ministack/health", connectTimeout: .seconds(1), timeout: .seconds(5)))
            if health?.status == 200 { break }
            guard Date() < deadline, process.isRunning else {
                throw StartError(description: "ministack did not answer \(endpoint)/_ministack/health; log: \(log.suffix(2000))")
            }
            Thread.sleep(forTimeInterval: 0.2)
        }
    }

    /// MiniStack's own log so far (requests, Lambda invocations), for failure messages.
    package var log: String { (try? String(contentsOfFile: folder + "/ministack.log", encoding: .utf8)) ?? "" }

    /// The environment a client of this server gets: its endpoint, test credentials, region,
    /// and no shared config files (so nothing on the machine leaks in).
    package func clientEnvironment(base: [String: String] = ProcessInfo.processInfo.environment) -> [String: String] {
        var environment = base
        for name in environment.keys where name.hasPrefix("AWS_") || name.hasPrefix("THUMBGEN_ORIGINALS") || name.hasPrefix("THUMBGEN_THUMBNAILS") {
            environment[name] = nil
        }
        environment["AWS_ACCESS_KEY_ID"] = Self.accessKeyID
        environment["AWS_SECRET_ACCESS_KEY"] = Self.secretAccessKey
        environment["AWS_REGION"] = Self.region
        environment["AWS_CONFIG_FILE"] = "/dev/null"
        environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null"
        return environment
    }

    /// The base URL of HTTP API `apiID`'s `$default` stage: `http://{apiId}.execute-api.localhost:PORT`.
    package func apiURL(apiID: String) -> String { "http://\(apiID).execute-api.localhost:\(port)" }

    package struct StartError: Error, CustomStringConvertible {
        package var description: String
    }
}
