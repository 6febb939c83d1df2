import Foundation
import Testing

@testable import ThumbgenServe

/// `Expect: 100-continue` (curl sends it for bodies over 1 MB): the server must answer
/// `100 Continue` at once, or clients wait about a second before sending the body.
/// Found by a fresh-user trial (every presigned PUT took ~1003 ms).
@Suite struct ServeExpectContinueTests {
    @Test func interimContinueComesBeforeTheBody() throws {
        let serve = try ServeUnderTest()
        defer { serve.close() }
        let socket = RawSocket.connect(to: serve.baseURL)
        try #require(socket >= 0)
        defer { close(socket) }
        // Only the head is sent; a server that does not answer 100 leaves us waiting.
        let head = "POST /thumbnails HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: image/jpeg\r\nContent-Length: 2000000\r\nExpect: 100-continue\r\n\r\n"
        _ = head.utf8CString.withUnsafeBufferPointer { send(socket, $0.baseAddress, $0.count - 1, 0) }
        var pollFD = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
        #expect(poll(&pollFD, 1, 5_000) == 1, "no interim response within 5 s")
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = recv(socket, &buffer, buffer.count, 0)
        #expect(String(decoding: buffer.prefix(max(count, 0)), as: UTF8.self).hasPrefix("HTTP/1.1 100 Continue\r\n"))
    }
}
