import Foundation
import Synchronization
import Testing
import ThumbgenLambda

/// A handler for loop tests: runs `body` for each invocation.
struct ClosureHandler: LambdaHandler {
    let body: @Sendable (LambdaInvocation, inout LambdaLogRecord) throws -> [UInt8]

    func handle(_ invocation: LambdaInvocation, log: inout LambdaLogRecord) throws -> [UInt8] {
        try body(invocation, &log)
    }
}

/// An error with its own Lambda error type, as the thumbnail function's errors have.
struct TypedTestError: LambdaReportableError, CustomStringConvertible {
    var lambdaErrorType: String { "TestError.broken" }
    var description: String { "photos/cat.jpg: broken on purpose" }
}

/// Collects log lines and trace ids in memory.
final class LineCollector: Sendable {
    private let storage = Mutex<[String?]>([])
    var sink: @Sendable (String) -> Void { { line in self.storage.withLock { $0.append(line) } } }
    var optionalSink: @Sendable (String?) -> Void { { line in self.storage.withLock { $0.append(line) } } }
    var lines: [String?] { storage.withLock { $0 } }
}

/// Decodes a JSON object written by the runtime or the server.
func jsonObject(_ text: String?) throws -> [String: Any] {
    let data = Data((text ?? "").utf8)
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
}

/// This process's resident set size in bytes (/proc/self/statm, field 2, in pages).
func residentBytes() -> Int {
    let text = (try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8)) ?? ""
    let fields = text.split(separator: " ")
    guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
}

/// How many file descriptors this process has open (entries of /proc/self/fd).
func openDescriptorCount() -> Int {
    (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? -1
}

/// Milliseconds since the Unix epoch now.
func nowMilliseconds() -> Int64 { Int64(Date().timeIntervalSince1970 * 1000) }
