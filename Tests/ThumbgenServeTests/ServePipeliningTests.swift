import Foundation
import Testing

@testable import ThumbgenServe

/// Pipelined requests from a client that never reads: NIO's pipeline handler hands over the
/// next request as soon as an answer is written (not sent), so every answer piled up in
/// the server's memory (20,000 pipelined `GET /`, 560 KB sent, grew the real binary by about
/// 8 MB a second towards 370 MB; many connections, many gigabytes). Now the next request waits
/// until the client has read enough of the earlier answers.
@Suite struct ServePipeliningTests {
    @Test func pipelinedRequestsWaitForTheClientToReadTheirAnswers() throws {
        let serve = try ServeUnderTest()
        defer { serve.close() }
        let socket = RawSocket.connect(to: serve.baseURL)
        try #require(socket >= 0)
        defer { close(socket) }
        var small: Int32 = 4096
        setsockopt(socket, SOL_SOCKET, SO_RCVBUF, &small, socklen_t(MemoryLayout<Int32>.size))
        let requests = 3000
        RawSocket.send(String(repeating: "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", count: requests), on: socket)
        // Wait until the server stops answering (2 s without a new access-log line).
        var answered = -1
        for _ in 0..<60 where answered != serve.log.all.count {
            answered = serve.log.all.count
            Thread.sleep(forTimeInterval: 2)
        }
        // Kernel buffers take a few hundred 18 KB pages; the rest must wait for the reader.
        #expect(answered < 1000, "\(answered) of \(requests) pipelined answers were made for a client that read none")
        #expect(try TestHTTP.send("GET", serve.baseURL + "/").status == 200)
    }
}
