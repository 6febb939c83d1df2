import Foundation
import Testing

@testable import ThumbgenService

/// The embedded upload page: limits written in, nothing fetched from elsewhere, accessible names.
@Suite struct UploadPageTests {
    let html = UploadPage.html(limits: UploadPage.Limits(synchronousBytes: 1234, maximumBytes: 50 << 20))

    @Test func limitsAreWrittenIntoThePage() {
        #expect(html.contains(#"data-sync-bytes="1234""#))
        #expect(html.contains(#"data-max-bytes="52428800""#))
        #expect(html.contains("up to 50 MB each"))
        #expect(!html.contains("{{"))
    }

    @Test func noThirdPartyRequests() {
        // No absolute URLs at all: scripts, styles, fonts and images come from the page itself.
        #expect(!html.contains("http://"))
        #expect(!html.contains("https://"))
        #expect(html.components(separatedBy: "<link").count == 2)
        #expect(html.contains(#"<link rel="icon" href="data:,">"#))
        #expect(!html.contains("src=\""))
        #expect(!html.contains("@import"))
        #expect(UploadPage.contentSecurityPolicy.hasPrefix("default-src 'none'"))
    }

    @Test func controlsHaveLabelsAndProgressIsAnnounced() {
        #expect(html.contains(#"<label for="files""#))
        #expect(html.contains(#"<input id="files""#))
        #expect(html.contains(#"accept="image/jpeg,image/png,image/webp,image/avif,.jpg,.jpeg,.png,.webp,.avif""#))
        #expect(html.contains(#"role="status" aria-live="polite""#))
        #expect(html.contains(#"<html lang="en">"#))
        #expect(html.contains(#"name="viewport""#))
    }

    @Test func scriptUsesTheFunctionsRoutesRelativeToThePage() {
        #expect(html.contains("api('thumbnails')"))
        #expect(html.contains("api('uploads')"))
        #expect(html.contains("api(`thumbnails/${keyPath("))
    }

    @Test(arguments: [(4 << 20, "4 MB"), (100 << 20, "100 MB"), (1_572_864, "1.5 MB")])
    func megabyteText(bytes: Int, text: String) {
        #expect(UploadPage.megabytes(bytes) == text)
    }
}

/// The function's own page (the deployed API serves it, not only `serve`): no inline script
/// is allowed but its own (issue 12 finding 7).
@Suite struct UploadPagePolicyTests {
    @Test func functionPagePolicyAllowsNoUnsafeInlineScript() throws {
        let header = UploadPage.headers.first { $0.name == "content-security-policy" }?.value ?? ""
        let scriptSource = header.split(separator: ";").first { $0.contains("script-src") } ?? ""
        #expect(scriptSource.contains("'sha256-"))
        #expect(!scriptSource.contains("unsafe-inline"))
    }
}
