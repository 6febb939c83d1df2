import Crypto
import FoundationEssentials

/// The upload page: one HTML document with its CSS and JavaScript inline, served by the
/// function at `GET /` (so the deployed HTTP API and `thumbgen serve` serve the same page).
///
/// No framework, no build step, no third-party requests: the page talks only to the routes of
/// the function it came from (`POST thumbnails`, `POST uploads`, `GET thumbnails/{key}`,
/// resolved relative to the page's own URL so an API Gateway stage prefix such as `/prod/`
/// works) and to the presigned URLs those routes hand out.
///
/// Flow per file: the browser checks type (MIME type, extension and the JPEG `FF D8 FF` / PNG
/// signature bytes) and size; files up to ``Limits/synchronousBytes`` go as the body of
/// `POST thumbnails`; larger ones (up to ``Limits/maximumBytes``) get a presigned PUT URL from
/// `POST uploads`, are PUT there, and the page polls `GET thumbnails/{key}` until the S3
/// trigger has made the thumbnail.
package enum UploadPage {
    /// Size limits the page enforces before uploading; the function checks them again.
    package struct Limits: Sendable, Hashable {
        /// Largest file sent as the body of `POST /thumbnails`, bytes. Default 4 MiB: the body
        /// arrives base64-encoded (4/3 larger) in a synchronous Lambda invocation, whose
        /// payload limit is 6 MB, under API Gateway's 10 MB request limit
        /// (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html).
        package var synchronousBytes: Int
        /// Largest file accepted at all (through the presigned PUT), bytes. Default 100 MiB.
        package var maximumBytes: Int

        /// Creates limits.
        ///
        /// - Parameters:
        ///   - synchronousBytes: Largest synchronous upload, bytes.
        ///   - maximumBytes: Largest upload, bytes.
        package init(synchronousBytes: Int = 4 << 20, maximumBytes: Int = 100 << 20) {
            self.synchronousBytes = synchronousBytes
            self.maximumBytes = maximumBytes
        }
    }

    /// `Content-Type` of the page.
    package static let contentType = "text/html; charset=utf-8"

    /// `Content-Security-Policy` sent with the page: its own inline script only (allowed by
    /// its SHA-256 hash, ``scriptSourceHash``, so no other inline or injected script runs),
    /// inline style, images and requests to this origin or to presigned storage URLs, nothing
    /// else (no fonts, no frames).
    package static let contentSecurityPolicy =
        "default-src 'none'; script-src '\(scriptSourceHash)'; style-src 'unsafe-inline'; "
        + "img-src 'self' blob: data: https: http:; connect-src 'self' https: http:; "
        + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

    /// The page script's hash source for `script-src`: `sha256-` and the base64 SHA-256 of the
    /// exact text between `<script>` and `</script>` (CSP Level 3, "hash-source").
    package static let scriptSourceHash = "sha256-" + Data(SHA256.hash(data: Array(script.utf8))).base64EncodedString()

    /// The headers to send with the page (content type, CSP, no sniffing, no caching of a page
    /// that may change with the binary), as name/value pairs.
    package static var headers: [(name: String, value: String)] {
        [
            ("content-type", contentType),
            ("content-security-policy", contentSecurityPolicy),
            ("x-content-type-options", "nosniff"),
            ("referrer-policy", "no-referrer"),
            ("cache-control", "no-cache"),
        ]
    }

    /// The whole page as UTF-8 text.
    ///
    /// - Parameter limits: The size limits written into the page (`data-` attributes the
    ///   script reads, and the hint text under the drop zone).
    /// - Returns: The HTML document.
    package static func html(limits: Limits = Limits()) -> String {
        let document =
            markup
            .replacing("{{SYNC_BYTES}}", with: String(limits.synchronousBytes))
            .replacing("{{MAX_BYTES}}", with: String(limits.maximumBytes))
            .replacing("{{MAX_TEXT}}", with: megabytes(limits.maximumBytes))
        return
            document
            .replacing("{{STYLE}}", with: style)
            .replacing("{{SCRIPT}}", with: script)
    }

    /// `bytes` as whole mebibytes for the hint text, e.g. `100 MB`.
    static func megabytes(_ bytes: Int) -> String {
        let mebibytes = Double(bytes) / 1_048_576
        let rounded = (mebibytes * 10).rounded() / 10
        return rounded == rounded.rounded() ? "\(Int(rounded)) MB" : "\(rounded) MB"
    }
}
