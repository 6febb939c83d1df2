import Foundation
import Testing

/// A real moto server (`moto_server`, the AWS emulator, in server mode) on 127.0.0.1 and a
/// free port, started once per test process and stopped when the process ends: it runs under
/// `sh`, which interrupts it (moto ignores SIGTERM), then kills it, as soon as the test process's
/// end of a pipe closes, even on a crash.
///
/// Install with `pip install 'moto[server]==5.2.5'`. Tests that need it carry
/// `.enabled(if: MotoServer.isInstalled, MotoServer.skipMessage)`.
/// (Kept identical to the copy in the other test target that uses moto.)
final class MotoServer: @unchecked Sendable {
    /// The `moto_server` executable found on `PATH`, or nil.
    static let executable: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/moto_server" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// Whether moto can be started.
    static var isInstalled: Bool { executable != nil }
    /// Why the tests were skipped.
    static let skipMessage: Comment = "moto_server not on PATH: pip install 'moto[server]==5.2.5' to run the CloudWatch Logs emulator tests"

    /// The server of this test process, started on first use; nil when it could not start.
    static let shared: MotoServer? = try? MotoServer()

    /// `http://127.0.0.1:PORT`.
    let endpoint: String
    private let process: Process
    private let keepAlive: Pipe

    private init() throws {
        guard let executable = Self.executable else { throw CocoaError(.fileNoSuchFile) }
        let port = try Self.freePort()
        process = Process()
        keepAlive = Pipe()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", """
            "$0" -H 127.0.0.1 -p "$1" </dev/null >/dev/null 2>&1 & pid=$!
            cat >/dev/null; kill -INT $pid 2>/dev/null; sleep 1; kill -KILL $pid 2>/dev/null
            """, executable, String(port)]
        process.standardInput = keepAlive
        // Off the test's stdout/stderr: `swift test` waits for every holder of its pipes to exit.
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        endpoint = "http://127.0.0.1:\(port)"
        let deadline = Date().addingTimeInterval(60)
        while !Self.answers(port: port) {
            guard Date() < deadline, process.isRunning else { throw CocoaError(.fileReadUnknown) }
            Thread.sleep(forTimeInterval: 0.2)
        }
    }

    /// A port the kernel just handed out for 127.0.0.1 (bound to port 0, then released).
    private static func freePort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw CocoaError(.fileWriteUnknown) }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(socket, pointer, length) == 0 && getsockname(socket, pointer, &length) == 0
            }
        }
        guard bound else { throw CocoaError(.fileWriteUnknown) }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Whether something accepts TCP connections on 127.0.0.1:`port`.
    private static func answers(port: Int) -> Bool {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { return false }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}
