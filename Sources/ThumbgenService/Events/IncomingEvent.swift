import FoundationEssentials
import ThumbgenBasics

/// What an event payload is, told apart by its shape (not by configuration):
///
/// - `{"Records": [{"eventSource": "aws:s3", ...}]}`: an S3 notification;
/// - `{"version": "2.0", "requestContext": {"http": {...}}, "rawPath": ...}`: API Gateway HTTP API, payload format 2.0;
/// - `{"httpMethod": ..., "path": ..., "resource": ...}`: API Gateway REST API proxy (payload format 1.0).
///
/// Sources: S3 User Guide, "Event message structure"; API Gateway Developer Guide, "Create
/// AWS Lambda proxy integrations for HTTP APIs" (payload format versions) and "Input format
/// of a Lambda function for proxy integration" (REST).
package enum IncomingEvent: Sendable {
    /// An S3 event notification.
    case s3(S3Event)
    /// An HTTP request through API Gateway (either payload format).
    case http(HTTPFunctionRequest)

    /// Classifies and decodes `payload`.
    ///
    /// - Parameter payload: The event JSON, bytes.
    /// - Returns: The event.
    /// - Throws: ``ServiceError`` `.badRequest` for JSON that is none of the three shapes.
    package static func decode(_ payload: [UInt8]) throws(ServiceError) -> IncomingEvent {
        let probe: Probe
        do {
            probe = try JSONDecoder().decode(Probe.self, from: Data(payload))
        } catch {
            throw ServiceError(.badRequest, "event is not a JSON object: \(DecodingProblem.describe(error))")
        }
        if let records = probe.Records, !records.isEmpty {
            guard records.allSatisfy({ $0.eventSource == "aws:s3" || $0.s3 != nil }) else {
                throw ServiceError(.badRequest, "event has Records that are not S3 notifications")
            }
            do {
                return .s3(try JSONDecoder().decode(S3Event.self, from: Data(payload)))
            } catch {
                throw ServiceError(.badRequest, "S3 event notification is malformed: \(DecodingProblem.describe(error))")
            }
        }
        if probe.version == "2.0", let method = probe.requestContext?.http?.method {
            let path = probe.rawPath ?? probe.requestContext?.http?.path ?? "/"
            return .http(
                try HTTPFunctionRequest(
                    payloadVersion: .v2, method: method, path: HTTPFunctionRequest.percentDecoded(path) ?? path,
                    headers: probe.headers ?? [:], query: probe.queryStringParameters ?? [:],
                    pathParameters: probe.pathParameters ?? [:], body: probe.body, isBase64Encoded: probe.isBase64Encoded ?? false))
        }
        if let method = probe.httpMethod {
            return .http(
                try HTTPFunctionRequest(
                    payloadVersion: .v1, method: method, path: probe.path ?? "/", headers: probe.headers ?? [:],
                    query: probe.queryStringParameters ?? [:], pathParameters: probe.pathParameters ?? [:],
                    body: probe.body, isBase64Encoded: probe.isBase64Encoded ?? false))
        }
        throw ServiceError(.badRequest, "event is neither an S3 notification nor an API Gateway request (v1 or v2)")
    }

    /// The fields that tell the shapes apart, all optional (v1 sends `null` for empty maps).
    private struct Probe: Decodable {
        struct Record: Decodable {
            var eventSource: String?
            var s3: Entity?
            struct Entity: Decodable {}
        }
        struct Context: Decodable {
            var http: HTTP?
            struct HTTP: Decodable {
                var method: String?
                var path: String?
            }
        }
        var Records: [Record]?
        var version: String?
        var rawPath: String?
        var httpMethod: String?
        var path: String?
        var headers: [String: String?]?
        var queryStringParameters: [String: String?]?
        var pathParameters: [String: String?]?
        var body: String?
        var isBase64Encoded: Bool?
        var requestContext: Context?
    }
}
