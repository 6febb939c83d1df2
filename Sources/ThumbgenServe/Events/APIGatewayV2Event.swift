import FoundationEssentials
import ThumbgenBasics

/// An API Gateway HTTP API event, payload format version 2.0, as API Gateway hands it to a
/// Lambda function.
///
/// Source: AWS API Gateway Developer Guide, "Create AWS Lambda proxy integrations for HTTP APIs",
/// section "Payload format version" (sample event with `version`, `routeKey`, `rawPath`,
/// `rawQueryString`, `cookies`, `headers`, `queryStringParameters`, `requestContext.http`,
/// `body`, `isBase64Encoded`). As API Gateway does: header names are lower-cased and repeated
/// headers joined with commas; `Cookie` headers move to `cookies`; repeated query parameters
/// are joined with commas and values are percent-decoded; the route is `$default` on stage
/// `$default`. The body is base64-encoded unless its `Content-Type` is textual (`text/*`,
/// JSON, XML, JavaScript, form-urlencoded) and its bytes are valid UTF-8.
struct APIGatewayV2Event: Encodable, Sendable {
    struct HTTP: Encodable, Sendable {
        var method: String
        var path: String
        var `protocol`: String
        var sourceIp: String
        var userAgent: String
    }

    struct RequestContext: Encodable, Sendable {
        var accountId = "000000000000"
        var apiId = "local"
        var domainName: String
        var domainPrefix: String
        var http: HTTP
        var requestId: String
        var routeKey = "$default"
        var stage = "$default"
        /// `12/Mar/2020:19:03:58 +0000`.
        var time: String
        /// Milliseconds since the Unix epoch.
        var timeEpoch: Int64
    }

    var version = "2.0"
    var routeKey = "$default"
    var rawPath: String
    var rawQueryString: String
    var cookies: [String]?
    var headers: [String: String]
    var queryStringParameters: [String: String]?
    var requestContext: RequestContext
    var body: String?
    var isBase64Encoded: Bool

    /// The event for `request`.
    ///
    /// - Parameters:
    ///   - request: The HTTP request.
    ///   - requestID: A unique id for `requestContext.requestId`.
    ///   - nowMilliseconds: Arrival time, milliseconds since the Unix epoch.
    init(_ request: ServeRequest, requestID: String, nowMilliseconds: Int64) {
        var headers: [String: String] = [:]
        var cookies: [String] = []
        for (name, value) in request.headers {
            let lowered = name.lowercased()
            if lowered == "cookie" {
                cookies += value.split(separator: ";").map { String($0.drop { $0 == " " }) }.filter { !$0.isEmpty }
                continue
            }
            headers[lowered] = headers[lowered].map { $0 + "," + value } ?? value
        }
        var query: [String: String] = [:]
        for pair in request.rawQuery.split(separator: "&") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(parts[0])
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            query[name] = query[name].map { $0 + "," + value } ?? value
        }
        let host = headers["host"] ?? "localhost"
        let domain = host.split(separator: ":").first.map(String.init) ?? host
        rawPath = request.rawPath
        rawQueryString = request.rawQuery
        self.cookies = cookies.isEmpty ? nil : cookies
        self.headers = headers
        queryStringParameters = query.isEmpty ? nil : query
        requestContext = RequestContext(
            domainName: domain, domainPrefix: domain.split(separator: ".").first.map(String.init) ?? domain,
            http: HTTP(
                method: request.method, path: String(decoding: PercentEncoding.decode(request.rawPath), as: UTF8.self),
                protocol: request.httpVersion, sourceIp: request.sourceIP, userAgent: headers["user-agent"] ?? ""),
            requestId: requestID, time: HTTPTime.apiGateway(nowMilliseconds / 1000), timeEpoch: nowMilliseconds)
        if request.body.isEmpty {
            body = nil
            isBase64Encoded = false
        } else if Self.isTextual(headers["content-type"]), let text = String(validating: request.body, as: UTF8.self) {
            // Bytes that are not UTF-8 (an image sent with curl's default form type) stay base64.
            body = text
            isBase64Encoded = false
        } else {
            body = Data(request.body).base64EncodedString()
            isBase64Encoded = true
        }
    }

    /// The event as JSON bytes.
    func jsonBytes() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(self))
    }

    /// Whether a body of this `Content-Type` is passed as text rather than base64.
    static func isTextual(_ contentType: String?) -> Bool {
        guard let type = contentType?.lowercased() else { return false }
        return type.hasPrefix("text/") || type.hasPrefix("application/json") || type.hasPrefix("application/xml")
            || type.hasPrefix("application/javascript") || type.hasPrefix("application/x-www-form-urlencoded")
            || type.contains("+json") || type.contains("+xml")
    }

    private static func decode(_ text: Substring) -> String {
        String(decoding: PercentEncoding.decode(String(text)), as: UTF8.self)
    }
}
