import Foundation

/// A real moto server (`moto_server`, the AWS emulator, in server mode) on 127.0.0.1 and a
/// free port, started once per test process and stopped when the process ends: it runs under
/// `sh`, which interrupts it (moto ignores SIGTERM), then kills it, as soon as the test process's
/// end of a pipe closes, even on a crash.
///
/// Install with `pip install 'moto[server]==5.2.5'`. Tests that need it carry
/// `.enabled(if: MotoServer.isInstalled, Comment(rawValue: MotoServer.skipMessage))`.
package final class MotoServer: @unchecked Sendable {
    /// The `moto_server` executable found on `PATH`, or nil.
    package static let executable: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/moto_server" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// Whether moto can be started.
    package static var isInstalled: Bool { executable != nil }
    /// Why the tests were skipped (for `.enabled(if:_:)`, as `Comment(rawValue:)`; this target is
    /// not a test target, and release builds compile it without the Testing module).
    package static let skipMessage = "moto_server not on PATH: pip install 'moto[server]==5.2.5' to run the CloudWatch Logs emulator tests"

    /// The server of this test process, started on first use; nil when it could not start.
    package static let shared: MotoServer? = try? MotoServer()

    /// `http://127.0.0.1:PORT`.
    package let endpoint: String
    private let process: Process
    private let keepAlive: Pipe

    private init() throws {
        guard let executable = Self.executable else { throw CocoaError(.fileNoSuchFile) }
        let port = try LoopbackPort.free()
        process = Process()
        keepAlive = Pipe()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = [
            "-c",
            """
            "$0" -H 127.0.0.1 -p "$1" </dev/null >/dev/null 2>&1 & pid=$!
            cat >/dev/null; kill -INT $pid 2>/dev/null; sleep 1; kill -KILL $pid 2>/dev/null
            """, executable, String(port),
        ]
        process.standardInput = keepAlive
        // Off the test's stdout/stderr: `swift test` waits for every holder of its pipes to exit.
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        endpoint = "http://127.0.0.1:\(port)"
        let deadline = Date().addingTimeInterval(60)
        while !LoopbackPort.answers(port) {
            guard Date() < deadline, process.isRunning else { throw CocoaError(.fileReadUnknown) }
            Thread.sleep(forTimeInterval: 0.2)
        }
    }
}
