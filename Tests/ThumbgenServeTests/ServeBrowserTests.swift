import Foundation
import Testing
import ThumbgenBasics
import ThumbgenTestSupport

@testable import ThumbgenServe

/// The upload page in headless Chromium (Debian's `chromium`) driven by Playwright for Python
/// (`Tests/browser/upload_page.py`), against `thumbgen serve` on a free port of 127.0.0.1:
/// two photos and one corrupt file give two thumbnails and one error. The screenshot is kept
/// in the test's temporary folder (path printed) and, when `THUMBGEN_SCREENSHOT` names a
/// file, copied there.
@Suite struct ServeBrowserTests {
    static let chromium = "/usr/bin/chromium"
    static let script = BinaryRunner.packageRoot.appendingPathComponent("Tests/browser/upload_page.py")

    /// Chromium and Playwright are both installed.
    static var browserAvailable: Bool {
        guard FileManager.default.isExecutableFile(atPath: chromium) else { return false }
        return (try? run(["python3", "-c", "import playwright.sync_api"]).status) == 0
    }

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    @Test(
        .enabled(if: browserAvailable, "needs /usr/bin/chromium (apt-get install chromium) and Playwright (pip install playwright)"),
        .timeLimit(.minutes(3)))
    func twoPhotosAndOneCorruptFileInTheBrowser() throws {
        let serve = try choose(extra: { _ in [] })
        #expect(!serve.log.all.contains { $0.contains("POST /uploads") })
    }

    /// The same plus a 5 MB PNG, over the synchronous limit: presigned PUT, S3 event, polling.
    @Test(
        .enabled(if: browserAvailable, "needs /usr/bin/chromium (apt-get install chromium) and Playwright (pip install playwright)"),
        .timeLimit(.minutes(3)))
    func largeFileGoesThroughThePresignedUploadInTheBrowser() throws {
        let serve = try choose(extra: { ["--large-png", $0.url.appendingPathComponent("large-gradient.png").path] }, keepScreenshot: false)
        let log = serve.log.all
        #expect(log.contains { $0.contains("\"POST /uploads?contentType=image%2Fpng&size=") && $0.contains("\" 200 ") })
        #expect(log.contains { $0.contains("\"PUT /_local/originals/uploads/") && $0.contains(" 200 ") })
        #expect(log.contains { $0.contains("s3-event ObjectCreated:Put originals/uploads/") && $0.contains(" done ") })
        #expect(log.contains { $0.contains("\"GET /thumbnails/uploads/") && $0.contains(" 302 ") })
    }

    /// Runs the browser script against a fresh server; returns the (stopped) server for its log.
    @discardableResult
    private func choose(extra: (TemporaryFolder) -> [String], keepScreenshot: Bool = true) throws -> ServeUnderTest {
        let serve = try ServeUnderTest()
        defer { serve.close() }
        let folder = try TemporaryFolder()
        let photo = BinaryRunner.example("photo.jpg"), parrots = BinaryRunner.example("parrots-alpha.png")
        let corrupt = folder.url.appendingPathComponent("damaged.jpg")
        try Data(try Data(contentsOf: photo).prefix(3000)).write(to: corrupt)
        let screenshot = folder.url.appendingPathComponent("serve-page.png")
        let result = try Self.run(
            [
                "python3", Self.script.path, "--url", serve.baseURL + "/",
                "--image", photo.path, "--image", parrots.path, "--corrupt", corrupt.path,
                "--screenshot", screenshot.path, "--chromium", Self.chromium,
            ] + extra(folder))
        print("browser report: \(result.output)")
        print("screenshot: \(screenshot.path)")
        #expect(result.status == 0, "\(result.errors)")
        #expect(FileManager.default.fileExists(atPath: screenshot.path))
        if keepScreenshot, let copy = ProcessInfo.processInfo.environment["THUMBGEN_SCREENSHOT"] {
            try? FileManager.default.removeItem(atPath: copy)
            try FileManager.default.copyItem(at: screenshot, to: URL(fileURLWithPath: copy))
        }
        // Two originals and their thumbnails were stored; nothing for the damaged file.
        let files = serve.files()
        #expect(files.filter { $0.hasPrefix("originals/") && $0.contains("damaged") }.isEmpty)
        #expect(files.filter { $0.hasPrefix("thumbnails/") && $0.contains("damaged") }.isEmpty)
        let settled = files.filter { !$0.contains(FileIO.temporaryMarker) }
        #expect(settled.filter { $0.hasPrefix("thumbnails/") }.count == settled.filter { $0.hasPrefix("originals/") }.count)
        return serve
    }
}
