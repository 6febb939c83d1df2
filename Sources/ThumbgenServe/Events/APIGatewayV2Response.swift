import FoundationEssentials

/// A Lambda function's answer to an HTTP API payload 2.0 event, turned into HTTP as API
/// Gateway does.
///
/// Source: AWS API Gateway Developer Guide, "Create AWS Lambda proxy integrations for HTTP
/// APIs", section "Lambda function response for format 2.0": with `statusCode` the response
/// gives `statusCode`, `headers`, `multiValueHeaders`, `cookies` (each a `Set-Cookie`),
/// `body` and `isBase64Encoded`; a valid JSON answer without `statusCode` is sent as is with
/// status 200 and `content-type: application/json`; anything else is a 500
/// `{"message":"Internal Server Error"}`.
struct APIGatewayV2Response: Decodable, Sendable {
    var statusCode: Int?
    var headers: [String: String]?
    var multiValueHeaders: [String: [String]]?
    var cookies: [String]?
    var body: String?
    var isBase64Encoded: Bool?

    /// The HTTP response for the function's answer `bytes`.
    ///
    /// - Parameter bytes: The function's response document.
    /// - Returns: The response to send (500 for a document API Gateway would reject).
    static func httpResponse(from bytes: [UInt8]) -> ServeResponse {
        let decoded: APIGatewayV2Response
        do {
            decoded = try JSONDecoder().decode(APIGatewayV2Response.self, from: Data(bytes))
        } catch {
            if (try? JSONDecoder().decode(JSONAny.self, from: Data(bytes))) != nil {
                return ServeResponse(status: 200, headers: [("content-type", "application/json")], body: bytes)
            }
            return internalError
        }
        guard let status = decoded.statusCode else {
            return ServeResponse(status: 200, headers: [("content-type", "application/json")], body: bytes)
        }
        guard (100...599).contains(status) else { return internalError }
        var headers: [(name: String, value: String)] = []
        for (name, value) in (decoded.headers ?? [:]).sorted(by: { $0.key < $1.key }) {
            headers.append((name.lowercased(), value))
        }
        for (name, values) in (decoded.multiValueHeaders ?? [:]).sorted(by: { $0.key < $1.key }) {
            for value in values { headers.append((name.lowercased(), value)) }
        }
        for cookie in decoded.cookies ?? [] { headers.append(("set-cookie", cookie)) }
        var body: [UInt8] = []
        if let text = decoded.body {
            if decoded.isBase64Encoded == true {
                guard let data = Data(base64Encoded: text) else { return internalError }
                body = Array(data)
            } else {
                body = Array(text.utf8)
            }
        }
        if !headers.contains(where: { $0.name == "content-type" }), !body.isEmpty {
            headers.append(("content-type", "application/json"))
        }
        return ServeResponse(status: status, headers: headers, body: body)
    }

    /// What API Gateway answers when the function fails or returns an unusable document.
    static let internalError = ServeResponse.jsonMessage(500, "Internal Server Error")
}

/// Any JSON value, decoded only to check that a document is valid JSON.
private struct JSONAny: Decodable {
    init(from decoder: any Decoder) throws {
        if var array = try? decoder.unkeyedContainer() {
            while !array.isAtEnd { _ = try array.decode(JSONAny.self) }
        } else if let object = try? decoder.container(keyedBy: AnyKey.self) {
            for key in object.allKeys { _ = try object.decode(JSONAny.self, forKey: key) }
        } else {
            let single = try decoder.singleValueContainer()
            if single.decodeNil() { return }
            if (try? single.decode(Bool.self)) != nil { return }
            if (try? single.decode(Double.self)) != nil { return }
            _ = try single.decode(String.self)
        }
    }

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
