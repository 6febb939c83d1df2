import Foundation
import ThumbgenTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// A fake HTTP peer for the Runtime API client's edge cases: a real TCP listener on
/// 127.0.0.1 that reads each request (head and `Content-Length` body), records it, and answers
/// with the next scripted byte sequence — split writes, chunked bodies, early closes, stalls,
/// malformed heads — which no real Runtime API server produces on demand.
final class FakeScriptedHTTPServer: @unchecked Sendable {
    /// One step of an answer.
    enum Step {
        /// Write these bytes.
        case send([UInt8])
        /// Write these bytes in pieces of `piece` bytes, pausing briefly between pieces.
        case trickle([UInt8], piece: Int)
        /// Pause.
        case pause(milliseconds: Int)
        /// Close the connection (the rest of the script goes to the next requests).
        case close

        /// `.send` of `text`'s UTF-8 bytes.
        static func text(_ text: String) -> Step { .send(Array(text.utf8)) }
    }

    /// One received request.
    struct Received {
        /// Which accepted connection carried it, from 1.
        var connection: Int
        /// The request line and header lines, CRLF-joined, without the empty line.
        var head: String
        var body: [UInt8]
    }

    let port: UInt16
    var endpoint: String { "127.0.0.1:\(port)" }
    private let listener: Int32
    private let lock = NSLock()
    private var answers: [[Step]]
    private var recorded: [Received] = []
    private var accepted = 0
    private var open: Set<Int32> = []
    private var stopped = false

    /// Listens on an ephemeral port; request number N (counted across connections) gets `answers[N-1]`.
    init(answers: [[Step]]) throws {
        self.answers = answers
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0, let bound = LoopbackPort.bindEphemeral(fd, listenBacklog: 8) else { throw POSIXError(.EADDRINUSE) }
        listener = fd
        port = UInt16(bound)
        Thread.detachNewThread { [self] in acceptLoop() }
    }

    deinit { stop() }

    /// Every request received so far.
    var received: [Received] { lock.withLock { recorded } }
    /// How many connections were accepted.
    var connections: Int { lock.withLock { accepted } }

    /// Closes the listener and every connection.
    func stop() {
        lock.withLock {
            guard !stopped else { return }
            stopped = true
            shutdown(listener, Int32(SHUT_RDWR))
            close(listener)
            for fd in open { shutdown(fd, Int32(SHUT_RDWR)) }
        }
    }

    private func acceptLoop() {
        while true {
            let fd = accept(listener, nil, nil)
            guard fd >= 0 else {
                if errno == EINTR { continue }
                return
            }
            let number = lock.withLock { () -> Int in
                accepted += 1
                open.insert(fd)
                return accepted
            }
            Thread.detachNewThread { [self] in serve(fd, number: number) }
        }
    }

    private func serve(_ fd: Int32, number: Int) {
        defer {
            lock.withLock { _ = open.remove(fd) }
            close(fd)
        }
        var buffer: [UInt8] = []
        while let request = readRequest(fd, &buffer) {
            let script = lock.withLock { () -> [Step]? in
                recorded.append(Received(connection: number, head: request.head, body: request.body))
                return answers.isEmpty ? nil : answers.removeFirst()
            }
            guard let script else { return }
            for step in script {
                switch step {
                case .send(let bytes):
                    guard write(fd, bytes) else { return }
                case .trickle(let bytes, let piece):
                    var offset = 0
                    while offset < bytes.count {
                        let end = min(bytes.count, offset + piece)
                        guard write(fd, Array(bytes[offset..<end])) else { return }
                        offset = end
                        usleep(200)
                    }
                case .pause(let milliseconds):
                    usleep(useconds_t(milliseconds * 1000))
                case .close:
                    return
                }
            }
        }
    }

    private func readRequest(_ fd: Int32, _ buffer: inout [UInt8]) -> (head: String, body: [UInt8])? {
        let separator: [UInt8] = [13, 10, 13, 10]
        var end: Int?
        while end == nil {
            if buffer.count >= 4 {
                end = (0...(buffer.count - 4)).first { Array(buffer[$0..<($0 + 4)]) == separator }
            }
            if end == nil && !fill(fd, &buffer) { return nil }
        }
        let head = String(decoding: buffer[..<end!], as: UTF8.self)
        buffer.removeFirst(end! + 4)
        let length =
            head.split(separator: "\r\n").compactMap { line -> Int? in
                let parts = line.split(separator: ":", maxSplits: 1)
                guard parts.count == 2, parts[0].lowercased() == "content-length" else { return nil }
                return Int(parts[1].trimmingCharacters(in: .whitespaces))
            }.first ?? 0
        while buffer.count < length {
            guard fill(fd, &buffer) else { return nil }
        }
        let body = Array(buffer[..<length])
        buffer.removeFirst(length)
        return (head, body)
    }

    private func fill(_ fd: Int32, _ buffer: inout [UInt8]) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return false }
        buffer += chunk[..<count]
        return true
    }

    private func write(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if written <= 0 { return false }
            offset += written
        }
        return true
    }
}
