import FoundationEssentials
import ThumbgenBasics

/// An HTTP request as API Gateway hands it to the function, the same for payload format 1.0
/// (REST API proxy) and 2.0 (HTTP API): method, decoded path, lower-cased headers, query,
/// path parameters and the body bytes (base64-decoded when `isBase64Encoded`).
package struct HTTPFunctionRequest: Sendable {
    /// Which API Gateway payload format the request came in.
    package enum PayloadVersion: String, Sendable {
        /// REST API proxy integration (`httpMethod`, `path`).
        case v1 = "1.0"
        /// HTTP API (`version: "2.0"`, `rawPath`, `requestContext.http.method`).
        case v2 = "2.0"
    }

    /// The payload format.
    package var payloadVersion: PayloadVersion
    /// Upper-case method, e.g. `POST`.
    package var method: String
    /// The decoded path, e.g. `/thumbnails/photos/My Cat.jpg`.
    package var path: String
    /// Header fields, names lower-cased (API Gateway v2 lower-cases them already).
    package var headers: [String: String]
    /// Query parameters, decoded.
    package var query: [String: String]
    /// Path parameters, e.g. `key` for the route `GET /thumbnails/{key+}`.
    package var pathParameters: [String: String]
    /// The body bytes.
    package var body: [UInt8]

    /// Creates a request from the fields of either payload format.
    ///
    /// - Parameters:
    ///   - payloadVersion: The format.
    ///   - method: The method.
    ///   - path: The decoded path.
    ///   - headers: Header fields (null values dropped).
    ///   - query: Query parameters (null values dropped).
    ///   - pathParameters: Path parameters (null values dropped).
    ///   - body: The body text, or nil.
    ///   - isBase64Encoded: Whether `body` is base64 (binary media).
    /// - Throws: ``ServiceError`` `.badRequest` when a base64 body does not decode.
    package init(
        payloadVersion: PayloadVersion, method: String, path: String, headers: [String: String?],
        query: [String: String?], pathParameters: [String: String?], body: String?, isBase64Encoded: Bool
    ) throws(ServiceError) {
        self.payloadVersion = payloadVersion
        self.method = method.uppercased()
        self.path = path
        var lowered: [String: String] = [:]
        for (name, value) in headers { if let value { lowered[name.lowercased()] = value } }
        self.headers = lowered
        self.query = query.compactMapValues { $0 }
        self.pathParameters = pathParameters.compactMapValues { $0 }
        if let body, isBase64Encoded {
            guard let data = Data(base64Encoded: body, options: .ignoreUnknownCharacters) else {
                throw ServiceError(.badRequest, "request body is marked isBase64Encoded but is not base64")
            }
            self.body = Array(data)
        } else {
            self.body = Array((body ?? "").utf8)
        }
    }

    /// `%XX` sequences of `text` decoded (RFC 3986 section 2.1); `+` is kept. Nil when a
    /// sequence is malformed or the bytes are not UTF-8.
    static func percentDecoded(_ text: String) -> String? {
        PercentEncoding.decodeStrictly(text, plusAsSpace: false).flatMap { String(validating: $0, as: UTF8.self) }
    }
}
