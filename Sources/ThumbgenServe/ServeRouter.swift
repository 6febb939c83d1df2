import ThumbgenBasics
import ThumbgenImaging
import ThumbgenService

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
    /// The folder-backed buckets, when storage is local (their presigner checks `/_local/` URLs).
    var store: ServeObjectStore?
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

    /// Whether `request` makes thumbnails (`POST /thumbnails`): such requests run in the
    /// bounded ``ImageWorkPool``, every other route beside it.
    func isImageWork(_ request: ServeRequest) -> Bool {
        guard request.method == "POST" else { return false }
        var path = request.rawPath
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        return path == "/thumbnails"
    }

    /// The refusal of a `/_local/` request from its method and target alone (unknown path,
    /// unusable key, bad or expired signature), or nil when its body may be read. Called with
    /// the request head, before any body byte is buffered, and again by ``storage(_:)``.
    ///
    /// - Parameters:
    ///   - method: The request method.
    ///   - target: The request target as sent (path and query, percent-encoded).
    /// - Returns: A 403/404/400 response, or nil.
    func storageRefusal(method: String, target: String) -> ServeResponse? {
        let request = ServeRequest(method: method, target: target, headers: [], body: [], sourceIP: "")
        guard let store else { return .jsonMessage(404, "Not Found") }
        guard let (bucket, key, query) = Self.storageTarget(request) else { return .jsonMessage(404, "Not Found") }
        do throws(ServiceError) {
            _ = try store.path(bucket: bucket, key: key)
        } catch {
            return .jsonMessage(error.httpStatus, error.message)
        }
        let signedMethod = method == "HEAD" ? "GET" : method
        if let refusal = store.presigner.refusal(
            method: signedMethod, bucket: bucket, key: key, expires: query["expires"] ?? "",
            signature: query["signature"] ?? "", now: now() / 1000)
        {
            return .jsonMessage(403, refusal)
        }
        return nil
    }

    /// Bucket, key (decoded) and query of a `/_local/BUCKET/KEY?…` request, or nil.
    private static func storageTarget(_ request: ServeRequest) -> (bucket: String, key: String, query: [String: String])? {
        let rest = request.rawPath.dropFirst(LocalPresigner.pathPrefix.count)
        guard let slash = rest.firstIndex(of: "/") else { return nil }
        let bucket = String(decoding: PercentEncoding.decode(String(rest[..<slash])), as: UTF8.self)
        let key = String(decoding: PercentEncoding.decode(String(rest[rest.index(after: slash)...])), as: UTF8.self)
        var query: [String: String] = [:]
        for pair in request.rawQuery.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { query[String(parts[0])] = String(parts[1]) }
        }
        return (bucket, key, query)
    }

    /// `PUT`/`GET`/`HEAD /_local/BUCKET/KEY?expires=…&signature=…`: what S3 does with a
    /// presigned URL, for folder storage. A PUT into the originals bucket notifies the
    /// function (see ``ServeObjectStore``).
    private func storage(_ request: ServeRequest) -> ServeResponse {
        if let refusal = storageRefusal(method: request.method, target: request.target) { return refusal }
        guard let store, let (bucket, key, _) = Self.storageTarget(request) else { return .jsonMessage(404, "Not Found") }
        let method = request.method == "HEAD" ? "GET" : request.method
        do throws(ServiceError) {
            switch method {
            case "PUT":
                let type = request.header("content-type") ?? "application/octet-stream"
                try store.put(bucket: bucket, key: key, bytes: request.body, contentType: type, cacheControl: nil)
                return ServeResponse(status: 200, headers: [], body: [])
            case "GET":
                let bytes = try store.get(bucket: bucket, key: key)
                let type = ImageFormat.sniff(bytes)?.mimeType ?? "application/octet-stream"
                return ServeResponse(
                    status: 200, headers: [("content-type", type), ("cache-control", "private, max-age=60")],
                    body: bytes)
            default:
                return .jsonMessage(405, "\(request.method) is not allowed on storage URLs")
            }
        } catch {
            return .jsonMessage(error.httpStatus, error.message)
        }
    }
}
