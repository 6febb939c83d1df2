import Foundation
import Testing

@testable import ThumbgenServe

/// Issue 12 finding 5: `serve` had no header or idle timeout and no connection bound, so
/// half-open connections piled up until it stopped answering. Now a request head must arrive
/// within `--header-timeout` (10 s), a keep-alive connection may idle `--idle-timeout` (60 s),
/// and at `--max-connections` the connection that has waited longest makes room.
@Suite struct ServeConnectionLimitsTests {
    /// A "slowloris" client that never finishes its request head is closed, with the defaults.
    @Test func unfinishedRequestHeadIsClosedAfterTheHeaderTimeout() throws {
        let serve = try ServeUnderTest()
        defer { serve.close() }
        let socket = RawSocket.connect(to: serve.baseURL)
        try #require(socket >= 0)
        defer { close(socket) }
        RawSocket.send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: 1\r\n", on: socket)
        // The default header timeout is 10 s; 30 s only catches a server that never closes it.
        #expect(RawSocket.isClosed(socket, within: 30), "a half-sent request head kept its connection open")
    }

    /// A keep-alive connection gets its answer, then is closed once it has idled.
    @Test func idleKeepAliveConnectionIsClosed() throws {
        let serve = try ServeUnderTest(arguments: ["--idle-timeout", "2"])
        defer { serve.close() }
        let socket = RawSocket.connect(to: serve.baseURL)
        try #require(socket >= 0)
        defer { close(socket) }
        RawSocket.send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", on: socket)
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = recv(socket, &buffer, buffer.count, 0)
        #expect(String(decoding: buffer.prefix(max(0, count)), as: UTF8.self).hasPrefix("HTTP/1.1 200 "))
        #expect(RawSocket.isClosed(socket, within: 20), "an idle keep-alive connection stayed open")
    }

    /// At the bound, new connections push out the oldest half-open ones: the first of 12
    /// half-open connections to a server allowing 8 is closed long before any timeout, and a
    /// normal request is still answered.
    @Test func connectionBoundClosesTheLongestWaitingConnection() throws {
        let serve = try ServeUnderTest(arguments: ["--max-connections", "8", "--header-timeout", "600"])
        defer { serve.close() }
        var sockets: [Int32] = []
        defer { for socket in sockets { close(socket) } }
        for _ in 0..<12 {
            let socket = RawSocket.connect(to: serve.baseURL)
            try #require(socket >= 0)
            RawSocket.send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n", on: socket)
            sockets.append(socket)
        }
        #expect(RawSocket.isClosed(sockets[0], within: 30), "the oldest half-open connection was kept beyond the bound")
        let page = try TestHTTP.send("GET", serve.baseURL + "/")
        #expect(page.status == 200)
    }

    /// The attack of issue 12, against the real binary under a common open-file limit of 1024
    /// (1,100 half-open connections used to stop it answering): a normal request still gets
    /// the page.
    @Test func elevenHundredHalfOpenConnectionsDoNotStopTheServer() throws {
        let serve = try ServeProcess(openFiles: 1024)
        defer { serve.stop() }
        var sockets: [Int32] = []
        defer { for socket in sockets { close(socket) } }
        for _ in 0..<1100 {
            let socket = RawSocket.connect(to: serve.baseURL)
            guard socket >= 0 else { break }
            RawSocket.send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n", on: socket)
            sockets.append(socket)
        }
        #expect(sockets.count == 1100, "connections stopped being accepted after \(sockets.count)")
        // TestHTTP gives up after 60 s.
        let page = try TestHTTP.send("GET", serve.baseURL + "/")
        #expect(page.status == 200)
    }
}
