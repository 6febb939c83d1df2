import Foundation
import Testing

@testable import ThumbgenServe

/// Issue 12 finding 5: a `/_local/` PUT was buffered whole (up to 100 MiB) before its
/// signature was checked (16 such requests held 1.4 GB). Now the head alone is enough to
/// refuse it: the 403 arrives while the body has not been sent at all.
@Suite struct ServeSignatureBeforeBodyTests {
    @Test func badSignatureIsRefusedFromTheHead() throws {
        let serve = try ServeUnderTest()
        defer { serve.close() }
        let socket = RawSocket.connect(to: serve.baseURL)
        try #require(socket >= 0)
        defer { close(socket) }
        let head =
            "PUT /_local/originals/uploads/x.jpg?expires=9999999999&signature=00 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Content-Type: image/jpeg\r\nContent-Length: 50000000\r\n\r\n"
        _ = head.utf8CString.withUnsafeBufferPointer { send(socket, $0.baseAddress, $0.count - 1, 0) }
        // Generous: only catches a server that waits for the 50 MB body that never comes.
        var pollFD = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
        guard poll(&pollFD, 1, 5_000) == 1 else {
            Issue.record("no answer within 5 s: the server is waiting for the body")
            return
        }
        var buffer = [UInt8](repeating: 0, count: 512)
        let count = recv(socket, &buffer, buffer.count, 0)
        let answer = String(decoding: buffer.prefix(max(count, 0)), as: UTF8.self)
        #expect(answer.hasPrefix("HTTP/1.1 403 "), "\(answer)")
        #expect(answer.contains("presigned URL signature does not match"))
    }
}
