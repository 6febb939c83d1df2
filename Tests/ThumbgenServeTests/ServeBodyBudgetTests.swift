import Foundation
import Testing

@testable import ThumbgenServe

/// Issue 12 finding 5, what remained after signatures were checked from the head: anyone may
/// get valid presigned URLs (`POST /uploads`), and each PUT to one was buffered up to 100 MiB,
/// so a handful of slow uploads could hold gigabytes. Now all bodies in memory together are
/// bounded (512 MiB); a request that does not fit gets `503` from its head alone.
@Suite struct ServeBodyBudgetTests {
    @Test func uploadsBeyondTheBodyBudgetAreRefusedFromTheirHead() throws {
        let serve = try ServeUnderTest()
        defer { serve.close() }
        let presigner = try #require(ServeTestAccess.presigner(serve))
        let expires = Int64(Date().timeIntervalSince1970) + 300
        var sockets: [Int32] = []
        defer { for socket in sockets { close(socket) } }
        // Five 100 MiB uploads announced (500 MiB), none of their bodies sent.
        for index in 0..<6 {
            let url = presigner.url(method: "PUT", bucket: "originals", key: "big-\(index).png", expires: expires)
            let target = String(url.dropFirst(serve.baseURL.count))
            let socket = RawSocket.connect(to: serve.baseURL)
            try #require(socket >= 0)
            sockets.append(socket)
            RawSocket.send("PUT \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: \(100 << 20)\r\n\r\n", on: socket)
        }
        // The sixth does not fit: answered at once (5 s only catches a server waiting for it).
        let last = try #require(sockets.last)
        var pollFD = pollfd(fd: last, events: Int16(POLLIN), revents: 0)
        try #require(poll(&pollFD, 1, 5_000) == 1, "no answer: the server waits to buffer a sixth 100 MiB body")
        var buffer = [UInt8](repeating: 0, count: 512)
        let count = recv(last, &buffer, buffer.count, 0)
        let answer = String(decoding: buffer.prefix(max(count, 0)), as: UTF8.self)
        #expect(answer.hasPrefix("HTTP/1.1 503 "), "\(answer)")
        #expect(answer.lowercased().contains("retry-after: 2"), "\(answer)")
        // A small upload still fits, and the page answers.
        let small = try TestHTTP.send(
            "PUT", presigner.url(method: "PUT", bucket: "originals", key: "small.jpg", expires: expires),
            body: [0xFF, 0xD8, 0xFF, 0x00])
        #expect(small.status == 200)
        #expect(try TestHTTP.send("GET", serve.baseURL + "/").status == 200)
        // Once the announced uploads go away, their reservation is given back.
        for socket in sockets.dropLast() { close(socket) }
        sockets = [last]
        var fits = false
        for _ in 0..<50 where !fits {
            Thread.sleep(forTimeInterval: 0.1)
            let probe = RawSocket.connect(to: serve.baseURL)
            let url = presigner.url(method: "PUT", bucket: "originals", key: "big-again.png", expires: expires)
            RawSocket.send("PUT \(url.dropFirst(serve.baseURL.count)) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: \(100 << 20)\r\n\r\n", on: probe)
            var probeFD = pollfd(fd: probe, events: Int16(POLLIN), revents: 0)
            fits = poll(&probeFD, 1, 300) == 0
            close(probe)
        }
        #expect(fits, "closed connections kept their reservations")
    }
}
