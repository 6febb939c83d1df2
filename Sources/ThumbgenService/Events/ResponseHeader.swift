/// The header names the function's HTTP answers use, written once (RFC 9110; CORS: Fetch
/// Standard, section 3.2.3 "HTTP responses").
public enum ResponseHeader {
    /// `Content-Type: application/json`.
    public static let contentType = "Content-Type"
    /// `Location: https://thumbs.s3.eu-west-1.amazonaws.com/thumbnails/256/cat.jpg.jpg?X-Amz-...` on a `302`.
    public static let location = "Location"
    /// `Cache-Control: no-store` on redirects to short-lived presigned URLs.
    public static let cacheControl = "Cache-Control"
    /// `Vary: Accept` on `GET /thumbnails/{key}`, whose answer depends on the `Accept` header.
    public static let vary = "Vary"
    /// `Access-Control-Allow-Origin: *` (or the configured origin of the upload page).
    public static let allowOrigin = "Access-Control-Allow-Origin"
    /// `Access-Control-Allow-Methods: GET, POST, OPTIONS`.
    public static let allowMethods = "Access-Control-Allow-Methods"
    /// `Access-Control-Allow-Headers: content-type`.
    public static let allowHeaders = "Access-Control-Allow-Headers"
    /// `Access-Control-Max-Age: 3600` (seconds a preflight answer may be cached).
    public static let maxAge = "Access-Control-Max-Age"
}
