import ThumbgenBasics
import ThumbgenLambda

/// One HTTP request as the local server received it, body complete.
struct ServeRequest: Sendable {
    /// `GET`, `POST`, `PUT`, …
    var method: String
    /// The request target as sent: path plus optional `?query`, still percent-encoded.
    var target: String
    /// Header fields in arrival order, names as sent.
    var headers: [(name: String, value: String)]
    /// The body, bytes.
    var body: [UInt8]
    /// The peer's IP address, e.g. `127.0.0.1`.
    var sourceIP: String
    /// `HTTP/1.1` or `HTTP/1.0`.
    var httpVersion = "HTTP/1.1"

    /// The path part of ``target`` (before `?`), still percent-encoded.
    var rawPath: String {
        guard let mark = target.firstIndex(of: "?") else { return target }
        return String(target[..<mark])
    }

    /// The query part of ``target`` (after `?`), empty when none.
    var rawQuery: String {
        guard let mark = target.firstIndex(of: "?") else { return "" }
        return String(target[target.index(after: mark)...])
    }

    /// The first value of header `name` (case-insensitive).
    func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return headers.first { $0.name.lowercased() == lowered }?.value
    }
}

/// One HTTP response the local server sends.
struct ServeResponse: Sendable {
    /// The status code, e.g. `201`.
    var status: Int
    /// Header fields, names lower-case.
    var headers: [(name: String, value: String)]
    /// The body, bytes.
    var body: [UInt8]

    /// A JSON error answer `{"message":"…"}` with `status`, as the function and API Gateway send them.
    static func jsonMessage(_ status: Int, _ message: String) -> ServeResponse {
        ServeResponse(
            status: status, headers: [("content-type", "application/json")],
            body: Array("{\"message\":\(JSONString.quoted(message))}".utf8))
    }
}
