import Foundation
import Glibc
import ThumbgenTestSupport

/// A test instrument, not an HTTP server: a loopback TCP listener that records the raw
/// request heads (and bodies, by `Content-Length`) it receives and answers each with a
/// fixed `200 OK`. It shows what the transport puts on the wire, which a real S3 server
/// cannot report: the request line, `Expect`, `Content-Type`, connection reuse.
final class RawHTTPRecorder: @unchecked Sendable {
    struct Exchange {
        var connection: Int
        var head: String
        var body: [UInt8]
    }

    let port: Int
    private let listener: Int32
    private let lock = NSLock()
    private var recorded: [Exchange] = []

    /// Listens on 127.0.0.1; with `respond` false it accepts connections but never answers.
    init(respond: Bool = true) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && listen(fd, 8) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        listener = fd
        guard ok else { throw SeaweedFS.StartError("RawHTTPRecorder cannot listen") }
        port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread { [self] in serve(respond: respond) }
        thread.start()
    }

    deinit { close(listener) }

    var exchanges: [Exchange] { lock.withLock { recorded } }

    private func serve(respond: Bool) {
        var connectionNumber = 0
        while true {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { return }
            connectionNumber += 1
            let number = connectionNumber
            Thread { [self] in handle(connection, number: number, respond: respond) }.start()
        }
    }

    private func handle(_ fd: Int32, number: Int, respond: Bool) {
        defer { close(fd) }
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            // Read one request head and its body.
            while !buffer.containsHeadEnd {
                let n = read(fd, &chunk, chunk.count)
                guard n > 0 else { return }
                buffer += chunk[0..<n]
            }
            guard let end = buffer.headEnd else { return }
            let head = String(decoding: buffer[..<end], as: UTF8.self)
            let length =
                head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
                .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) } ?? 0
            while buffer.count < end + 4 + length {
                let n = read(fd, &chunk, chunk.count)
                guard n > 0 else { return }
                buffer += chunk[0..<n]
            }
            let body = Array(buffer[(end + 4)..<(end + 4 + length)])
            buffer.removeFirst(end + 4 + length)
            lock.withLock { recorded.append(Exchange(connection: number, head: head, body: body)) }
            guard respond else { sleep(30); return }
            let reply = Array("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-Test: a\r\n\r\nok".utf8)
            guard write(fd, reply, reply.count) == reply.count else { return }
        }
    }
}

extension Array where Element == UInt8 {
    fileprivate var headEnd: Int? {
        guard count >= 4 else { return nil }
        return (0...(count - 4)).first { self[$0] == 13 && self[$0 + 1] == 10 && self[$0 + 2] == 13 && self[$0 + 3] == 10 }
    }
    fileprivate var containsHeadEnd: Bool { headEnd != nil }
}
