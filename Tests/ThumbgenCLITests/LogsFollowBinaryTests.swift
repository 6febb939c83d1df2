import Foundation
import Synchronization
import Testing
import ThumbgenAWS
import ThumbgenTestSupport

/// `thumbgen logs --follow` as a user runs it: the built binary, reading a real emulator
/// (moto), stopped with SIGINT (Ctrl-C).
@Suite(
    .enabled(if: MotoServer.isInstalled, Comment(rawValue: MotoServer.skipMessage)),
    .enabled(if: BuiltBinary.path != nil, "the thumbgen binary is not built next to the tests: run `swift build` first"))
struct LogsFollowBinaryTests {

    /// Collects a pipe's bytes on a background thread.
    final class Collector: Sendable {
        private let text = Mutex("")
        init(_ pipe: Pipe) {
            let handle = pipe.fileHandleForReading
            Thread { [self] in
                while true {
                    let data = handle.availableData
                    if data.isEmpty { return }
                    text.withLock { $0 += String(decoding: data, as: UTF8.self) }
                }
            }.start()
        }
        var value: String { text.withLock { $0 } }
        var lines: [String] { value.split(separator: "\n").map(String.init) }

        func wait(until condition: ([String]) -> Bool) -> Bool {
            let deadline = Date().addingTimeInterval(20)
            while !condition(lines) {
                if Date() > deadline { return false }
                Thread.sleep(forTimeInterval: 0.05)
            }
            return true
        }
    }

    @Test func followShowsNewEventsOnNewStreamsOnceAndCtrlCExits130() throws {
        let server = try #require(MotoServer.shared)
        let binary = try #require(BuiltBinary.path)
        let client = try LogsCommandTests.client(server)
        let group = "/aws/lambda/thumbgen-follow-\(UUID().uuidString.prefix(8))"
        try client.createLogGroup(group)
        try client.createLogStream("a", group: group)
        let start = Int64(Date().timeIntervalSince1970 * 1000)
        try client.putLogEvents([InputLogEvent(timestamp: start - 1000, message: "before start\n")], stream: "a", group: group)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["logs", "--follow", "--group", group, "--poll-interval", "0.2", "--format", "detailed"]
        process.environment = LogsCommandTests.environment(server)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = Collector(out), stderr = Collector(err)
        defer { if process.isRunning { process.terminate() } }

        #expect(stdout.wait { $0.count == 1 })
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        try client.createLogStream("b-new", group: group)
        try client.putLogEvents(
            [InputLogEvent(timestamp: now, message: "new stream 1\n"), InputLogEvent(timestamp: now, message: "new stream 2\n")],
            stream: "b-new", group: group)
        try client.putLogEvents([InputLogEvent(timestamp: now, message: "same millisecond on a\n")], stream: "a", group: group)
        #expect(stdout.wait { $0.count >= 4 })
        Thread.sleep(forTimeInterval: 1.0) // five more polls over the same window: nothing may repeat

        kill(process.processIdentifier, SIGINT)
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 130)
        let lines = stdout.lines
        #expect(lines.count == 4)
        #expect(lines.first?.hasSuffix(" a before start") == true)
        #expect(
            Set(lines.dropFirst().map { $0.split(separator: " ", maxSplits: 1)[1] })
                == ["b-new new stream 1", "b-new new stream 2", "a same millisecond on a"])
        #expect(!stderr.value.contains("Fatal error") && !stderr.value.contains("Stack dump") && !stderr.value.contains("Backtrace"))
    }
}

extension LogsFollowBinaryTests {
    @Test func followEndsWhenTheReaderGoesAway() throws {
        let server = try #require(MotoServer.shared)
        let binary = try #require(BuiltBinary.path)
        let client = try LogsCommandTests.client(server)
        let group = "/aws/lambda/thumbgen-reader-\(UUID().uuidString.prefix(8))"
        try client.createLogGroup(group)
        try client.createLogStream("a", group: group)
        try client.putLogEvents(
            [InputLogEvent(timestamp: Int64(Date().timeIntervalSince1970 * 1000), message: "only one")],
            stream: "a", group: group)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["logs", "--follow", "--group", group, "--poll-interval", "0.2"]
        process.environment = LogsCommandTests.environment(server)
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        let first = out.fileHandleForReading.availableData
        #expect(String(decoding: first, as: UTF8.self).hasSuffix(" a only one\n"))
        try out.fileHandleForReading.close() // like `| head -1` exiting
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        #expect(!process.isRunning)
        if !process.isRunning {
            #expect(process.terminationReason == .exit)
            #expect(process.terminationStatus == 0)
        }
    }
}

/// The built `thumbgen` executable, found in the build folder that holds the test bundle.
enum BuiltBinary {
    static let path: String? = {
        guard let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else { return nil }
        var folder = URL(fileURLWithPath: executable).deletingLastPathComponent()
        if folder.lastPathComponent.hasSuffix(".xctest") { folder = folder.deletingLastPathComponent() }
        let candidate = folder.appendingPathComponent("thumbgen").path
        return FileManager.default.isExecutableFile(atPath: candidate) ? candidate : nil
    }()
}
