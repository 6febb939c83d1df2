import Dispatch
import ThumbgenService
import ThumbgenSigV4

/// What `thumbgen serve` does with one complete request: storage URLs (`/_local/…`, the
/// local stand-in for presigned S3 URLs) are answered here; everything else becomes an API
/// Gateway HTTP API payload 2.0 event for the function, whose answer becomes the response.
struct ServeRouter: Sendable {
    /// Runs the function on one event document and returns its response document; `nil`
    /// when the function failed (API Gateway then answers 500).
    typealias Function = @Sendable (_ event: [UInt8]) -> [UInt8]?

    /// Largest event handed to the function, bytes: Lambda's synchronous invocation payload
    /// limit, 6 MB (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html).
    static let maximumEventBytes = 6 * 1024 * 1024

    var function: Function
    /// The folder-backed buckets by name, when storage is local.
    var stores: [String: FolderObjectStore] = [:]
    /// Signs and checks `/_local/` URLs, when storage is local.
    var presigner: LocalPresigner?
    /// The clock, milliseconds since the Unix epoch.
    var now: @Sendable () -> Int64 = { HTTPTime.nowMilliseconds() }

    /// Answers `request`.
    ///
    /// - Parameters:
    ///   - request: The request, body complete.
    ///   - requestID: The id for the event's `requestContext.requestId`.
    /// - Returns: The response.
    func respond(to request: ServeRequest, requestID: String) -> ServeResponse {
        if request.rawPath.hasPrefix(LocalPresigner.pathPrefix) {
            return storage(request)
        }
        let event: [UInt8]
        do {
            event = try APIGatewayV2Event(request, requestID: requestID, nowMilliseconds: now()).jsonBytes()
        } catch {
            return .jsonMessage(500, "Internal Server Error")
        }
        if event.count > Self.maximumEventBytes {
            return .jsonMessage(413, "Request Entity Too Large")
        }
        guard let answer = function(event) else { return APIGatewayV2Response.internalError }
        return APIGatewayV2Response.httpResponse(from: answer)
    }

    /// `PUT`/`GET`/`HEAD /_local/BUCKET/KEY?expires=…&signature=…`.
    private func storage(_ request: ServeRequest) -> ServeResponse {
        guard let presigner else { return .jsonMessage(404, "Not Found") }
        let rest = request.rawPath.dropFirst(LocalPresigner.pathPrefix.count)
        guard let slash = rest.firstIndex(of: "/") else { return .jsonMessage(404, "Not Found") }
        let bucket = String(decoding: URIEncoding.decode(String(rest[..<slash])), as: UTF8.self)
        let key = String(decoding: URIEncoding.decode(String(rest[rest.index(after: slash)...])), as: UTF8.self)
        guard let store = stores[bucket] else { return .jsonMessage(404, "\(bucket): no such bucket") }
        var query: [String: String] = [:]
        for pair in request.rawQuery.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { query[String(parts[0])] = String(parts[1]) }
        }
        let method = request.method == "HEAD" ? "GET" : request.method
        do throws(StorageError) {
            try FolderObjectStore.validate(key: key)
            try presigner.verify(method: method, bucket: bucket, key: key, expires: query["expires"] ?? "",
                                 signature: query["signature"] ?? "", now: now() / 1000)
            switch method {
            case "PUT":
                try store.put(request.body, key: key)
                return ServeResponse(status: 200, headers: [("content-length", "0")], body: [])
            case "GET":
                let bytes = try store.get(key: key)
                let body = request.method == "HEAD" ? [] : bytes
                return ServeResponse(status: 200, headers: [("content-type", FolderObjectStore.contentType(of: bytes)),
                                                            ("cache-control", "private, max-age=60")], body: body)
            default:
                return .jsonMessage(405, "\(request.method) is not allowed on storage URLs")
            }
        } catch {
            switch error.code {
            case .invalidKey: return .jsonMessage(400, error.message)
            case .badSignature: return .jsonMessage(403, error.message)
            case .notFound: return .jsonMessage(404, error.message)
            case .io: return .jsonMessage(500, error.message)
            }
        }
    }
}
