import Foundation
import Testing
import ThumbgenTestSupport

@testable import ThumbgenCLI
@testable import ThumbgenServe

/// `thumbgen serve` options, and the binary as a user runs it.
@Suite struct ServeCommandTests {
    private func settings(_ arguments: [String]) throws -> ServeSettings {
        try ServeSettings(try ServeCommand().parser.parse(arguments))
    }

    @Test func defaultsAreLocalhost8080AndFolders() throws {
        let parsed = try settings([])
        #expect(parsed.host == "127.0.0.1")
        #expect(parsed.port == 8080)
        #expect(parsed.storage == .folders(data: "./thumbgen-data"))
        #expect(parsed.maxBodyBytes == 10 * 1024 * 1024)
    }

    @Test func bucketsSelectS3() throws {
        let parsed = try settings(["--bucket", "in", "--thumbnails-bucket", "out", "--endpoint-url", "http://127.0.0.1:8333"])
        #expect(parsed.storage == .s3(originals: "in", thumbnails: "out", endpointURL: "http://127.0.0.1:8333"))
    }

    @Test(arguments: [
        (["--port", "70000"], UsageError.Code.invalidValue),
        (["--bucket", "in"], .missingArgument),
        (["--thumbnails-bucket", "out"], .missingArgument),
        (["--bucket", "same", "--thumbnails-bucket", "same"], .conflictingOptions),
        (["--endpoint-url", "http://127.0.0.1:1"], .conflictingOptions),
        (["--bucket", "a", "--thumbnails-bucket", "b", "--data", "d"], .conflictingOptions),
    ])
    func badCombinationsAreUsageErrors(arguments: [String], code: UsageError.Code) throws {
        #expect { try settings(arguments) } throws: { ($0 as? UsageError)?.code == code }
    }

    @Test func binaryServesThePageAndStopsWith130OnCtrlC() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let process = Process()
        process.executableURL = BinaryRunner.binary
        process.arguments = ["serve", "--port", "0", "--data", folder.url.appendingPathComponent("data").path]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        var firstLine = Data()
        while !firstLine.contains(0x0A) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            firstLine += chunk
        }
        let banner = String(decoding: firstLine, as: UTF8.self)
        let match = try #require(banner.firstMatch(of: /http:\/\/127\.0\.0\.1:(\d+)\//))
        let page = try TestHTTP.send("GET", String(match.0))
        #expect(page.status == 200)
        #expect(String(decoding: page.body, as: UTF8.self).contains("<title>thumbgen"))
        kill(process.processIdentifier, SIGINT)
        // Bounded wait: a server that ignores Ctrl-C fails this test instead of hanging the run.
        let deadline = Date().addingTimeInterval(20)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            Issue.record("thumbgen serve did not stop within 20 s of SIGINT")
        }
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        let rest = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(rest.contains("\"GET /\" 200 "))
        #expect(String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) == "thumbgen serve: stopped\n")
        #expect(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("data/originals").path))
    }

    @Test func busyPortIsAClearFailure() throws {
        let serve = try ServeUnderTest()
        defer { serve.close() }
        let port = try #require(serve.baseURL.split(separator: ":").last.map(String.init))
        let result = try BinaryRunner.run(["serve", "--port", port])
        #expect(result.status == 1)
        // One line, the cause in plain words and the way out; no NIO function names (issue 15).
        #expect(result.stderr == "thumbgen: cannot listen on 127.0.0.1:\(port): the port is in use (--port 0 picks a free one)\n")
    }
}
