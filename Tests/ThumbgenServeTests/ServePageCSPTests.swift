import Foundation
import Testing
import ThumbgenTestSupport

/// Issue 12 finding 7: the page's Content-Security-Policy allowed `'unsafe-inline'` scripts, so
/// any script injected into it would run. Now `script-src` names only the page's own script,
/// by its SHA-256 hash (computed here by `openssl`, not by the code under test); the browser
/// tests (`ServeBrowserTests`) check that Chromium still runs it.
@Suite struct ServePageCSPTests {
    @Test func scriptSourceIsTheHashOfThePageScriptOnly() throws {
        let serve = try ServeUnderTest()
        defer { serve.close() }
        let response = try TestHTTP.send("GET", serve.baseURL + "/")
        let policy = try #require(response.headers["content-security-policy"])
        let directives = policy.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        let scriptSource = try #require(directives.first { $0.hasPrefix("script-src ") })
        #expect(!scriptSource.contains("unsafe-inline"), "\(scriptSource)")
        #expect(!scriptSource.contains("unsafe-eval"), "\(scriptSource)")

        let html = String(decoding: response.body, as: UTF8.self)
        let scripts = html.components(separatedBy: "<script>").dropFirst()
        #expect(scripts.count == 1)
        let script = try #require(scripts.first?.components(separatedBy: "</script>").first)
        let file = try TemporaryFolder.file(Array(script.utf8))
        defer { try? FileManager.default.removeItem(atPath: file) }
        let digest = try BinaryRunner.shell("openssl dgst -sha256 -binary '\(file)' | base64 -w0")
        #expect(digest.status == 0)
        #expect(scriptSource == "script-src 'sha256-\(digest.stdout)'")
    }
}
