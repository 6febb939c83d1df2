import Foundation
import Testing
import ThumbgenHTTP

@testable import ThumbgenCLI
@testable import ThumbgenServe

/// Sends requests to a server under test with the project's own libcurl client (which does
/// not follow redirects, so a `302` stays visible).
enum TestHTTP {
    static let client = CurlHTTPClient()

    static func send(
        _ method: String, _ url: String, headers: [(name: String, value: String)] = [],
        body: [UInt8]? = nil
    ) throws -> HTTPResponse {
        try client.send(
            HTTPRequest(
                method: method, url: url, headers: headers, body: body.map { .bytes($0) } ?? .none,
                timeout: .seconds(60)))
    }

    /// The body of `response` parsed as a JSON object.
    static func json(_ response: HTTPResponse) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(response.body))
        return object as? [String: Any] ?? [:]
    }
}

/// Access-log lines collected from a server under test.
final class LogLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) { lock.lock(); lines.append(line); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return lines }
}

/// A `thumbgen serve` session run in-process on a free port of 127.0.0.1 over a temporary
/// data folder, stopped and removed by `close()`.
final class ServeUnderTest {
    let session: ServeSession
    let data: URL
    let log = LogLines()
    var baseURL: String { session.baseURL }

    init(arguments: [String] = [], environment: [String: String] = [:]) throws {
        data = FileManager.default.temporaryDirectory.appendingPathComponent("thumbgen-serve-\(UUID().uuidString)")
        let storage = arguments.contains("--bucket") ? [] : ["--data", data.path]
        let parsed = try ServeCommand().parser.parse(["--port", "0"] + storage + arguments)
        let settings = try ServeSettings(parsed)
        let log = self.log
        session = try ServeSession(settings: settings, environment: environment) { log.append($0) }
    }

    /// Files under the data folder, relative paths, sorted.
    func files() -> [String] {
        let base = data.path + "/"
        let enumerator = FileManager.default.enumerator(atPath: data.path)
        var found: [String] = []
        while let path = enumerator?.nextObject() as? String {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: base + path, isDirectory: &isFolder), !isFolder.boolValue { found.append(path) }
        }
        return found.sorted()
    }

    func close() {
        session.stop()
        session.waitUntilStopped()
        try? FileManager.default.removeItem(at: data)
    }
}

/// A raw TCP connection to a server under test, for requests curl would not send (a head
/// without its body) and answers that must arrive before the body.
enum RawSocket {
    /// A connected socket to `127.0.0.1` at the port of `baseURL`, or -1.
    static func connect(to baseURL: String) -> Int32 {
        guard let port = baseURL.split(separator: ":").last.flatMap({ UInt16($0) }) else { return -1 }
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { return -1 }
        // A server that stopped accepting must not hold the test in connect(2) for minutes:
        // Linux bounds connect by the send timeout.
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { close(socket); return -1 }
        return socket
    }
}

extension RawSocket {
    /// Sends `text` whole on `socket`.
    static func send(_ text: String, on socket: Int32) {
        _ = text.utf8CString.withUnsafeBufferPointer { Glibc.send(socket, $0.baseAddress, $0.count - 1, Int32(MSG_NOSIGNAL)) }
    }

    /// Whether the server closed `socket` within `seconds` (reads and drops any answer first).
    static func isClosed(_ socket: Int32, within seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while Date() < deadline {
            var pollFD = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            let remaining = Int32(max(1, deadline.timeIntervalSinceNow * 1000))
            guard poll(&pollFD, 1, remaining) == 1 else { return false }
            let count = recv(socket, &buffer, buffer.count, 0)
            if count <= 0 { return true }
        }
        return false
    }
}

/// The test bundle's fixtures.
enum ServeFixtures {
    /// `Fixtures/NAME`'s bytes.
    static func bytes(_ name: String) throws -> [UInt8] {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil))
        return Array(try Data(contentsOf: url))
    }
}
