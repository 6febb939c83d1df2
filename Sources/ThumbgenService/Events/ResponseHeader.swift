/// The header names the function's HTTP answers use, written once (RFC 9110; CORS: Fetch
/// Standard, section 3.2.3 "HTTP responses").
package enum ResponseHeader {
    /// `Content-Type: application/json`.
    package static let contentType = "Content-Type"
    /// `Location: https://thumbs.s3.eu-west-1.amazonaws.com/thumbnails/256/cat.jpg.jpg?X-Amz-...` on a `302`.
    package static let location = "Location"
    /// `Cache-Control: no-store` on redirects to short-lived presigned URLs.
    package static let cacheControl = "Cache-Control"
    /// `Vary: Accept` on `GET /thumbnails/{key}`, whose answer depends on the `Accept` header.
    package static let vary = "Vary"
    /// `Access-Control-Allow-Origin: *` (or the configured origin of the upload page).
    package static let allowOrigin = "Access-Control-Allow-Origin"
    /// `Access-Control-Allow-Methods: GET, POST, OPTIONS`.
    package static let allowMethods = "Access-Control-Allow-Methods"
    /// `Access-Control-Allow-Headers: content-type`.
    package static let allowHeaders = "Access-Control-Allow-Headers"
    /// `Access-Control-Max-Age: 3600` (seconds a preflight answer may be cached).
    package static let maxAge = "Access-Control-Max-Age"
}
