import FoundationEssentials
import ThumbgenAWS
import ThumbgenImaging
import ThumbgenLambda

/// The HTTP routes (API Gateway, payload formats 1.0 and 2.0):
///
/// - `POST /thumbnails[?key=K]`: the image as the body; stores the original under `K` (or
///   `uploads/<uuid>.<ext>`), makes the thumbnails now, answers `201` with their keys, sizes
///   and presigned GET URLs.
/// - `POST /uploads[?key=K&contentType=image/png&size=BYTES]`: a presigned PUT URL into the
///   originals bucket that binds the content type and, with `size`, the exact length (both
///   signed; `size` over `maxOriginalBytes` gets 413), for files over the synchronous limits (API Gateway: 10 MB request, 29 s; Lambda:
///   6 MB synchronous request and response payloads, so 4.5 MB of image after base64); the S3
///   trigger then makes the thumbnails.
/// - `GET /thumbnails/{key}[?size=N][&format=F]`: `302` to a presigned URL of the `N`-pixel
///   thumbnail of original `key` (or of thumbnail key `key`), `404` when it does not exist yet.
///   Among the formats stored, the request's `Accept` picks (``AcceptNegotiation``: q-values
///   honoured, `q=0` excludes; among equal ones AVIF, then WebP, then JPEG/PNG when named, and
///   AVIF/WebP reached only by a wildcard after JPEG/PNG); `format=jpeg|png|webp|avif` forces
///   one. The answer carries `Vary: Accept`.
/// - `GET /`: the upload page (``UploadPage``), HTML.
/// - `OPTIONS *`: CORS preflight, `204`.
///
/// Errors are `{"error": code, "message": one line}` with 400, 404, 405, 413, 415, 422 or 500;
/// every answer carries the CORS headers.
extension ThumbnailFunction {
    /// Answers `request`; never throws (errors become JSON answers).
    func route(_ request: HTTPFunctionRequest, log: inout LambdaLogRecord) -> HTTPFunctionResponse {
        var response: HTTPFunctionResponse
        do {
            response = try dispatch(request, log: &log)
        } catch {
            log.set("error", error.message)
            response = .error(error)
        }
        // Every answer of GET /thumbnails/{key} may depend on Accept (its 406 and 404 too), so a
        // cache must not give one client's answer to another (RFC 9110 §12.5.5).
        if request.path.hasPrefix("/thumbnails/"), request.method == "GET" || request.method == "HEAD" {
            response.headers[ResponseHeader.vary] = "Accept"
        }
        response.headers.merge(corsHeaders) { _, cors in cors }
        return response
    }

    /// The CORS headers of every answer (Fetch Standard, "CORS protocol"); none when no
    /// origin is configured (same-origin only, the careful default).
    var corsHeaders: [String: String] {
        guard !configuration.corsOrigin.isEmpty else { return [:] }
        return [
            ResponseHeader.allowOrigin: configuration.corsOrigin, ResponseHeader.allowMethods: "GET, POST, OPTIONS",
            ResponseHeader.allowHeaders: "content-type", ResponseHeader.maxAge: "3600",
        ]
    }

    private func dispatch(_ request: HTTPFunctionRequest, log: inout LambdaLogRecord) throws(ServiceError) -> HTTPFunctionResponse {
        var path = request.path
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        if request.method == "OPTIONS" { return HTTPFunctionResponse(status: 204, headers: [:]) }
        switch path {
        case "/" where request.method == "GET" || request.method == "HEAD":
            return uploadPage()
        case "/thumbnails":
            guard request.method == "POST" else { throw ServiceError(.methodNotAllowed, "\(request.method) \(path): use POST") }
            return try createThumbnails(request, log: &log)
        case "/uploads":
            guard request.method == "POST" else { throw ServiceError(.methodNotAllowed, "\(request.method) \(path): use POST") }
            return try presignUpload(request, log: &log)
        case _ where path.hasPrefix("/thumbnails/"):
            guard request.method == "GET" || request.method == "HEAD" else {
                throw ServiceError(.methodNotAllowed, "\(request.method) /thumbnails/{key}: use GET")
            }
            let key = request.pathParameters["key"] ?? String(path.dropFirst("/thumbnails/".count))
            return try redirectToThumbnail(key: key, request: request, log: &log)
        default:
            throw ServiceError(.notFound, "no route \(request.method) \(path)")
        }
    }

    /// `POST /thumbnails`.
    private func createThumbnails(_ request: HTTPFunctionRequest, log: inout LambdaLogRecord) throws(ServiceError) -> HTTPFunctionResponse {
        var body = request.body
        log.set("bytes", body.count)
        guard !body.isEmpty else { throw ServiceError(.badRequest, "POST /thumbnails: the body is empty; send the image as the body") }
        guard body.count <= configuration.maxUploadBytes else {
            throw ServiceError(
                .payloadTooLarge,
                "POST /thumbnails: \(body.count) bytes is over \(configuration.maxUploadBytes); use POST /uploads for large files")
        }
        // The image is the body whatever Content-Type says (missing, application/octet-stream,
        // curl's default form type): its bytes decide. A form upload (`curl -F file=@p.jpg`)
        // carries it in its file part, with the file name.
        var name = request.query["name"]
        if let boundary = MultipartFormData.boundary(ofContentType: request.headers["content-type"]) {
            guard let part = MultipartFormData.filePart(of: body, boundary: boundary), !part.bytes.isEmpty else {
                throw ServiceError(.badRequest, "POST /thumbnails: the multipart/form-data body has no file part; send -F file=@photo.jpg")
            }
            body = part.bytes
            name = name ?? part.filename
        }
        guard let format = ImageFormat.sniff(body) else {
            throw ServiceError(.unsupportedMediaType, "POST /thumbnails: the body is not a JPEG, PNG, WebP or AVIF image")
        }
        let key = try originalKey(request, format: format, name: name)
        log.set("key", key)
        let subject = "s3://\(configuration.originalsBucket)/\(key)"
        let made = try maker.make(from: body, originalKey: key, subject: subject)
        // Thumbnails first, then the original with the marker: the bucket's trigger fires on
        // the original, finds the marker and skips it (the work is done once, here).
        try maker.store(made, in: store)
        try store.put(
            bucket: configuration.originalsBucket, key: key, bytes: body, contentType: format.mimeType, cacheControl: nil,
            metadata: [Self.madeMarker: madeMarkerValue])
        var summaries: [ThumbnailSummary] = []
        for thumbnail in made {
            let url = try store.presignedURL(
                method: "GET", bucket: configuration.thumbnailsBucket, key: thumbnail.key,
                expires: configuration.urlExpiresSeconds)
            summaries.append(ThumbnailSummary(thumbnail, url: url))
        }
        log.set("thumbnails", summaries.count)
        return HTTPFunctionResponse(
            status: 201,
            json: CreatedBody(
                bucket: configuration.originalsBucket, key: key, thumbnailsBucket: configuration.thumbnailsBucket,
                expiresIn: configuration.urlExpiresSeconds, thumbnails: summaries))
    }

    /// `POST /uploads`.
    private func presignUpload(_ request: HTTPFunctionRequest, log: inout LambdaLogRecord) throws(ServiceError) -> HTTPFunctionResponse {
        let contentType = (request.query["contentType"] ?? "image/jpeg").lowercased()
        let format: ImageFormat
        switch contentType {
        case "image/jpeg", "image/jpg": format = .jpeg
        case "image/png": format = .png
        case "image/webp": format = .webp
        case "image/avif": format = .avif
        default:
            throw ServiceError(
                .unsupportedMediaType,
                "POST /uploads: contentType '\(contentType)' is not image/jpeg, image/png, image/webp or image/avif")
        }
        var size: Int?
        if let text = request.query["size"] {
            guard let value = Int(text), value > 0 else {
                throw ServiceError(.badRequest, "POST /uploads: size '\(text)' is not a positive number of bytes")
            }
            guard value <= configuration.maxOriginalBytes else {
                throw ServiceError(.payloadTooLarge, "POST /uploads: \(value) bytes is over the limit of \(configuration.maxOriginalBytes) bytes")
            }
            size = value
        }
        let key = try originalKey(request, format: format)
        log.set("key", key)
        let url = try store.presignedUpload(
            bucket: configuration.originalsBucket, key: key, contentType: format.mimeType,
            contentLength: size, expires: configuration.urlExpiresSeconds)
        return HTTPFunctionResponse(
            status: 200,
            json: UploadBody(
                bucket: configuration.originalsBucket, key: key, method: "PUT", url: url,
                headers: [ResponseHeader.contentType: format.mimeType], expiresIn: configuration.urlExpiresSeconds))
    }

    /// `GET /thumbnails/{key}`.
    private func redirectToThumbnail(
        key: String, request: HTTPFunctionRequest,
        log: inout LambdaLogRecord
    ) throws(ServiceError) -> HTTPFunctionResponse {
        guard !key.isEmpty else { throw ServiceError(.badRequest, "GET /thumbnails/{key}: the key is empty") }
        log.set("key", key)
        var candidates: [String]
        if ThumbnailKey.parse(key) != nil {
            candidates = [key]
        } else {
            let sizeText = request.query["size"] ?? String(configuration.sizes[0])
            guard let size = Int(sizeText), configuration.sizes.contains(size) else {
                throw ServiceError(.badRequest, "GET /thumbnails/\(key): size '\(sizeText)' is not one of \(configuration.sizes.map(String.init).joined(separator: ","))")
            }
            candidates = try Self.formatOrder(request, key: key).map {
                ThumbnailKey.thumbnailKey(originalKey: key, size: size, format: $0)
            }
        }
        for candidate in candidates where try store.exists(bucket: configuration.thumbnailsBucket, key: candidate) {
            let url = try store.presignedURL(
                method: "GET", bucket: configuration.thumbnailsBucket, key: candidate,
                expires: configuration.urlExpiresSeconds)
            return HTTPFunctionResponse(
                status: 302,
                headers: [
                    ResponseHeader.location: url, ResponseHeader.cacheControl: "no-store",
                    ResponseHeader.vary: "Accept",
                ])
        }
        throw ServiceError(.notFound, "no thumbnail for '\(key)' yet in s3://\(configuration.thumbnailsBucket)")
    }

    /// The formats to look for, in order: `?format=` alone, else by the `Accept` header.
    private static func formatOrder(_ request: HTTPFunctionRequest, key: String) throws(ServiceError) -> [ThumbnailKeyFormat] {
        if let forced = request.query["format"] {
            let name = forced.lowercased()
            guard let format = ThumbnailKeyFormat.allCases.first(where: { $0.imageFormat.rawValue == name || $0.rawValue == name }) else {
                throw ServiceError(.badRequest, "GET /thumbnails/\(key): format '\(forced)' is not jpeg, png, webp or avif")
            }
            return [format]
        }
        let order = AcceptNegotiation.order(accept: request.headers["accept"])
        guard !order.isEmpty else {
            throw ServiceError(.notAcceptable, "GET /thumbnails/\(key): Accept '\(request.headers["accept"] ?? "")' allows none of image/avif, image/webp, image/jpeg, image/png")
        }
        return order
    }

    /// The original's key: the `key` query parameter, checked, or `uploads/<uuid>.<ext>`.
    /// The original's key: `?key=` as given; else `uploads/<uuid>/<name>` keeping the file's
    /// name (`?name=` or the form's filename; its last path component, control characters
    /// dropped, at most 200 bytes, `.jpg`/`.png` added when it has no image extension) under
    /// a unique prefix; else `uploads/<uuid>.<ext>`.
    private func originalKey(_ request: HTTPFunctionRequest, format: ImageFormat, name: String? = nil) throws(ServiceError) -> String {
        guard let given = request.query["key"] else {
            guard let name = Self.cleanFileName(name) else { return "uploads/\(newKey()).\(format.fileExtension)" }
            let ext = name.split(separator: ".").count > 1 ? name.split(separator: ".").last!.lowercased() : ""
            return "uploads/\(newKey())/\(name)" + (["jpg", "jpeg", "png"].contains(ext) ? "" : ".\(format.fileExtension)")
        }
        guard !given.isEmpty, given.utf8.count <= 1024 else {
            throw ServiceError(.badRequest, "key must be 1...1024 bytes of UTF-8 (S3's limit)")
        }
        guard !ThumbnailKey.isThumbnailKey(given) else {
            throw ServiceError(.badRequest, "key '\(given)' is under \(ThumbnailKey.prefix), which is reserved for thumbnails")
        }
        return given
    }
}

extension ThumbnailFunction {
    /// A client-sent file name made safe for a key component, or nil when nothing is left.
    static func cleanFileName(_ name: String?) -> String? {
        guard let name else { return nil }
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        var kept = String(last.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.map(Character.init))
        while kept.utf8.count > 200 { kept.removeFirst() }
        kept = String(kept.drop { $0 == " " || $0 == "." })
        return kept.isEmpty ? nil : kept
    }
}

/// The `201` answer of `POST /thumbnails`.
struct CreatedBody: Encodable {
    var bucket: String
    var key: String
    var thumbnailsBucket: String
    var expiresIn: Int
    var thumbnails: [ThumbnailSummary]
}

/// The `200` answer of `POST /uploads`.
struct UploadBody: Encodable {
    var bucket: String
    var key: String
    var method: String
    var url: String
    var headers: [String: String]
    var expiresIn: Int
}
