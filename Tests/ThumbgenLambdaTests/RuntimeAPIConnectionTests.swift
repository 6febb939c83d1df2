import Foundation
import Testing
import ThumbgenHTTP
import ThumbgenTestSupport

@testable import ThumbgenLambda

/// The Runtime API's own HTTP/1.1 client against a real socket on 127.0.0.1 that answers with
/// scripted bytes (``FakeScriptedHTTPServer``): framing, keep-alive, limits and failures.
@Suite struct RuntimeAPIConnectionTests {
    static let next = "/2018-06-01/runtime/invocation/next"

    static func connection(_ server: FakeScriptedHTTPServer, _ limits: RuntimeAPIConnection.Limits = .init()) throws -> RuntimeAPIConnection {
        RuntimeAPIConnection(endpoint: try RuntimeAPIEndpoint(server.endpoint), limits: limits)
    }

    /// A complete response with `Content-Length`.
    static func sized(_ status: Int, _ body: String, extra: String = "") -> FakeScriptedHTTPServer.Step {
        .text("HTTP/1.1 \(status) X\r\nContent-Type: application/json\r\n\(extra)Content-Length: \(body.utf8.count)\r\n\r\n\(body)")
    }

    /// Runs `body` expecting an ``HTTPError``, and returns it.
    static func failure(_ body: () throws(HTTPError) -> HTTPResponse) -> HTTPError? {
        do {
            _ = try body()
            return nil
        } catch {
            return error
        }
    }

    @Test func keepAliveCarriesRequestsOnOneConnection() throws {
        let server = try FakeScriptedHTTPServer(answers: [
            [Self.sized(200, #"{"a":1}"#, extra: "Lambda-Runtime-Aws-Request-Id: r1\r\n")],
            [Self.sized(202, #"{"status":"OK"}"#)],
        ])
        defer { server.stop() }
        let client = try Self.connection(server)
        let first = try client.exchange(method: "GET", path: Self.next, longPoll: true)
        #expect(first.status == 200)
        #expect(String(decoding: first.body, as: UTF8.self) == #"{"a":1}"#)
        #expect(first.headers["lambda-runtime-aws-request-id"] == "r1", "field names are caseless")
        let second = try client.exchange(
            method: "POST", path: "/2018-06-01/runtime/invocation/r1/response",
            headers: [("Content-Type", "application/json"), ("X-Injected", "a\r\nEvil: 1")], body: Array("done".utf8))
        #expect(second.status == 202)
        #expect(server.connections == 1)
        let received = server.received
        try #require(received.count == 2)
        #expect(received[0].head == "GET \(Self.next) HTTP/1.1\r\nhost: \(server.endpoint)")
        #expect(
            received[1].head
                == "POST /2018-06-01/runtime/invocation/r1/response HTTP/1.1\r\nhost: \(server.endpoint)\r\nContent-Type: application/json\r\nX-Injected: aEvil: 1\r\nContent-Length: 4"
        )
        #expect(received[1].body == Array("done".utf8))
    }

    @Test func chunkedBodyInSmallPiecesWithExtensionsAndTrailer() throws {
        let wire =
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5;name=value\r\nhello\r\n1\r\n,\r\nA\r\n world 123\r\n0\r\nTrailer-Field: x\r\n\r\n"
        let server = try FakeScriptedHTTPServer(answers: [[.trickle(Array(wire.utf8), piece: 3)], [Self.sized(200, "again")]])
        defer { server.stop() }
        let client = try Self.connection(server)
        let response = try client.exchange(method: "GET", path: Self.next)
        #expect(String(decoding: response.body, as: UTF8.self) == "hello, world 123")
        #expect(String(decoding: try client.exchange(method: "GET", path: Self.next).body, as: UTF8.self) == "again")
        #expect(server.connections == 1, "a chunked body ends where the connection can be reused")
    }

    @Test func largeEventBodiesArriveWhole() throws {
        let big = (0..<(7 * 1024 * 1024)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 9) }
        let chunked = Array(big[..<(3 * 1024 * 1024)])
        var chunkedWire = Array("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".utf8)
        for start in stride(from: 0, to: chunked.count, by: 1_000_003) {
            let piece = chunked[start..<min(chunked.count, start + 1_000_003)]
            chunkedWire += Array("\(String(piece.count, radix: 16))\r\n".utf8) + piece + Array("\r\n".utf8)
        }
        chunkedWire += Array("0\r\n\r\n".utf8)
        let server = try FakeScriptedHTTPServer(answers: [
            [.send(Array("HTTP/1.1 200 OK\r\nContent-Length: \(big.count)\r\n\r\n".utf8) + big)],
            [.send(chunkedWire)],
        ])
        defer { server.stop() }
        let client = try Self.connection(server)
        #expect(try client.exchange(method: "GET", path: Self.next).body == big)
        #expect(try client.exchange(method: "GET", path: Self.next).body == chunked)
    }

    @Test func bodyUntilCloseAndConnectionCloseOpenANewConnection() throws {
        let server = try FakeScriptedHTTPServer(answers: [
            [.text("HTTP/1.1 200 OK\r\n\r\nto the end"), .close],
            [Self.sized(200, "closing", extra: "Connection: keep-alive, close\r\n")],
            [.text("HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nold")],
            [Self.sized(200, "fourth")],
        ])
        defer { server.stop() }
        let client = try Self.connection(server)
        let bodies = try (0..<4).map { _ in String(decoding: try client.exchange(method: "GET", path: Self.next).body, as: UTF8.self) }
        #expect(bodies == ["to the end", "closing", "old", "fourth"])
        #expect(server.received.map(\.connection) == [1, 2, 3, 4])
    }

    @Test func idleConnectionClosedByTheServerIsReopenedOnce() throws {
        let server = try FakeScriptedHTTPServer(answers: [
            [Self.sized(200, "one"), .pause(milliseconds: 50), .close],
            [Self.sized(202, "two")],
        ])
        defer { server.stop() }
        let client = try Self.connection(server)
        _ = try client.exchange(method: "GET", path: Self.next)
        usleep(300_000) // the server closed the kept-alive connection meanwhile
        let second = try client.exchange(method: "POST", path: "/2018-06-01/runtime/invocation/x/response", body: Array("{}".utf8))
        #expect(second.status == 202)
        #expect(server.received.map(\.connection) == [1, 2])
    }

    @Test func interimResponsesAreSkippedAndFoldedLinesJoined() throws {
        let server = try FakeScriptedHTTPServer(answers: [
            [.text("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 202 Accepted\nX-Folded: one\n two\nContent-Length: 2\n\nok")]
        ])
        defer { server.stop() }
        let response = try Self.connection(server).exchange(method: "POST", path: "/2018-06-01/runtime/init/error")
        #expect(response.status == 202)
        #expect(response.headers["X-Folded"] == "one two")
        #expect(response.body == Array("ok".utf8))
        #expect(server.received.first?.head.hasSuffix("Content-Length: 0") == true, "an empty POST says so")
    }

    @Test(arguments: [
        ("HTTP/1.1 2000 OK\r\n\r\n", "status line"),
        ("SSH-2.0-OpenSSH\r\n\r\n", "status line"),
        ("HTTP/1.1 200 OK\r\nNo colon here\r\n\r\n", "header line"),
        ("HTTP/1.1 200 OK\r\nBad Name: x\r\n\r\n", "header line"),
        ("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd", "Content-Length"),
        ("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", "Content-Length"),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "chunk size"),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n0\r\n\r\n", "chunk data"),
    ])
    func malformedResponsesAreRefused(wire: String, named: String) throws {
        let server = try FakeScriptedHTTPServer(answers: [[.text(wire), .pause(milliseconds: 2000)]])
        defer { server.stop() }
        let client = try Self.connection(server, .init(stallTimeout: .seconds(5)))
        let error = try #require(Self.failure { () throws(HTTPError) in try client.exchange(method: "GET", path: Self.next) })
        #expect(error.code == .other)
        #expect(error.message.hasPrefix("request to \(server.endpoint) failed: malformed response: \(named)"), "\(error.message)")
    }

    @Test func headAndBodyAreBounded() throws {
        let hugeHeader = "HTTP/1.1 200 OK\r\nX-Big: " + String(repeating: "a", count: 200_000) + "\r\n\r\n"
        let manyHeaders = "HTTP/1.1 200 OK\r\n" + String(repeating: "X-A: b\r\n", count: 20_000) + "\r\n"
        let server = try FakeScriptedHTTPServer(answers: [
            [.text(hugeHeader)], [.text(manyHeaders)],
            [.text("HTTP/1.1 200 OK\r\nContent-Length: 1099511627776\r\n\r\n"), .pause(milliseconds: 2000)],
            [.text("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n400\r\n" + String(repeating: "z", count: 1024) + "\r\n400\r\n"), .pause(milliseconds: 2000)],
            [.text("HTTP/1.1 200 OK\r\n\r\n" + String(repeating: "y", count: 5000)), .pause(milliseconds: 2000)],
        ])
        defer { server.stop() }
        let limits = RuntimeAPIConnection.Limits(maximumHeadBytes: 16 * 1024, maximumBodyBytes: 1500, stallTimeout: .seconds(5))
        let client = try Self.connection(server, limits)
        for _ in 0..<5 {
            let error = try #require(Self.failure { () throws(HTTPError) in try client.exchange(method: "GET", path: Self.next) })
            #expect(error.code == .other)
            #expect(error.message.contains("response too large"), "\(error.message)")
        }
        #expect(server.connections == 5, "a connection is never reused after a refused response")
    }

    @Test func truncatedBodyIsAReset() throws {
        let server = try FakeScriptedHTTPServer(answers: [
            [.text("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly this"), .close],
            [.text("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nshort"), .close],
            [.text("HTTP/1.1 200 OK\r\nContent-Le"), .close],
        ])
        defer { server.stop() }
        let client = try Self.connection(server)
        for _ in 0..<3 {
            let error = try #require(Self.failure { () throws(HTTPError) in try client.exchange(method: "GET", path: Self.next) })
            #expect(error.code == .reset)
            #expect(error.message == "connection to \(server.endpoint) lost: the peer closed the connection")
            #expect(error.isRetryable)
        }
    }

    @Test func refusedConnectionNamesTheEndpoint() throws {
        let port = try LoopbackPort.free()
        let client = RuntimeAPIConnection(endpoint: try RuntimeAPIEndpoint("127.0.0.1:\(port)"))
        let error = try #require(Self.failure { () throws(HTTPError) in try client.exchange(method: "GET", path: Self.next) })
        #expect(error.code == .connect)
        #expect(error.message == "cannot connect to 127.0.0.1:\(port): Connection refused")
    }

    @Test func stallsAreBoundedButTheLongPollWaits() throws {
        let server = try FakeScriptedHTTPServer(answers: [
            [.pause(milliseconds: 600), Self.sized(200, "late event")],
            [.text("HTTP/1.1 202 Accepted\r\nContent-Length: 10\r\n\r\nabc"), .pause(milliseconds: 3000)],
        ])
        defer { server.stop() }
        let client = try Self.connection(server, .init(stallTimeout: .milliseconds(200)))
        let late = try client.exchange(method: "GET", path: Self.next, longPoll: true)
        #expect(late.body == Array("late event".utf8))
        let error = try #require(Self.failure { () throws(HTTPError) in try client.exchange(method: "POST", path: "/2018-06-01/runtime/init/error") })
        #expect(error.code == .timeout)
        #expect(error.message.hasPrefix("request to \(server.endpoint) timed out"), "\(error.message)")
    }

    @Test(arguments: [
        ("127.0.0.1:9001", "127.0.0.1", 9001), ("localhost:1", "localhost", 1), ("[::1]:65535", "::1", 65535),
    ])
    func endpointsParse(text: String, host: String, port: Int) throws {
        let endpoint = try RuntimeAPIEndpoint(text)
        #expect(endpoint.host == host)
        #expect(Int(endpoint.port) == port)
        #expect(endpoint.description == text)
    }

    @Test(arguments: ["127.0.0.1", "127.0.0.1:", "127.0.0.1:0", "127.0.0.1:65536", "127.0.0.1:90a", "::1:9001", "[::1]", "user@host:1", ":9001"])
    func badEndpointsAreRefused(text: String) {
        #expect(throws: LambdaRuntimeError.self) { try RuntimeAPIEndpoint(text) }
    }
}
