import FoundationEssentials
import ThumbgenService

/// Builds the function `thumbgen serve` runs, over the storage chosen at the edge.
///
/// The function sees only events (API Gateway payload 2.0 and S3 notifications) and
/// answers response documents, exactly as in Lambda; it does not know which storage it has.
enum ServeFunction {
    /// The storage the function is given.
    enum Storage: Sendable {
        case folders(originals: FolderObjectStore, thumbnails: FolderObjectStore, presigner: LocalPresigner)
        case s3(originals: String, thumbnails: String, endpointURL: String?)
    }

    /// The function for `storage`.
    ///
    /// - Parameters:
    ///   - storage: The two buckets.
    ///   - environment: The process environment (AWS configuration for S3).
    ///   - log: Where the function's own log lines go.
    /// - Returns: Event bytes → response bytes (nil when the function failed).
    /// - Throws: ``ServeError`` `.function` when it cannot be set up.
    static func make(storage: Storage, environment: [String: String],
                     log: @escaping @Sendable (String) -> Void) throws(ServeError) -> ServeRouter.Function {
        // Until ThumbgenService's thumbnail function is in this build, serve the page and
        // answer the API routes with 503 (see PageOnlyFunction).
        return { PageOnlyFunction.handle($0) }
    }
}

/// A stand-in used while the thumbnail function is not in this build: answers `GET /` with
/// the upload page and every other route with `503` and a JSON message saying so.
enum PageOnlyFunction {
    private struct Event: Decodable {
        struct Context: Decodable {
            struct HTTP: Decodable { var method: String }
            var http: HTTP?
        }
        var rawPath: String?
        var requestContext: Context?
    }

    /// Answers one event document.
    static func handle(_ event: [UInt8]) -> [UInt8]? {
        guard let decoded = try? JSONDecoder().decode(Event.self, from: Data(event)) else { return nil }
        var headers: [String: String] = [:]
        let status: Int
        let body: String
        if decoded.requestContext?.http?.method == "GET", decoded.rawPath == "/" {
            status = 200
            body = UploadPage.html()
            for (name, value) in UploadPage.headers { headers[name] = value }
        } else {
            status = 503
            body = "{\"message\":\"the thumbnail function is not in this build\"}"
            headers["content-type"] = "application/json"
        }
        struct Response: Encodable { var statusCode: Int; var headers: [String: String]; var body: String; var isBase64Encoded: Bool }
        return try? Array(JSONEncoder().encode(Response(statusCode: status, headers: headers, body: body, isBase64Encoded: false)))
    }
}
