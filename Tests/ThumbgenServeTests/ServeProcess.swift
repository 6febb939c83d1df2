import Foundation
import ThumbgenTestSupport

/// The built `thumbgen serve` binary run as a real process on a free port of 127.0.0.1 over a
/// temporary data folder, for what only a process shows: signals, exit status, open-file limits.
final class ServeProcess {
    let process = Process()
    let data: URL
    private let output: URL
    private(set) var baseURL = ""

    /// Starts `thumbgen serve --port 0 --data TMP ARGUMENTS` (through `bash -c` with `ulimit -n
    /// openFiles` first when given) and waits up to 60 s for its banner.
    init(arguments: [String] = [], openFiles: Int? = nil) throws {
        data = FileManager.default.temporaryDirectory.appendingPathComponent("thumbgen-serve-process-\(UUID().uuidString)")
        output = data.appendingPathExtension("out")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        let command = [BinaryRunner.binary.path, "serve", "--port", "0", "--data", data.path] + arguments
        if let openFiles {
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = ["-c", "ulimit -n \(openFiles) && exec \"$@\"", "bash"] + command
        } else {
            process.executableURL = URL(fileURLWithPath: command[0])
            process.arguments = Array(command.dropFirst())
        }
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try handle.close()
        for _ in 0..<600 {
            if let line = self.output(matching: "thumbgen serve: http://"), let start = line.range(of: "http://") {
                let address = line[start.upperBound...].prefix { $0 != "/" }
                baseURL = "http://" + address
                return
            }
            if !process.isRunning { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        stop()
        throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "no banner from thumbgen serve: \(text)"])
    }

    /// Everything the process printed so far (standard output and error together).
    var text: String { (try? String(contentsOf: output, encoding: .utf8)) ?? "" }

    private func output(matching needle: String) -> String? {
        text.split(separator: "\n").first { $0.contains(needle) }.map(String.init)
    }

    /// Sends `signal` and waits up to `seconds` for the exit; returns the seconds it took, or
    /// nil when the process was still running (it is then killed).
    func signalAndWait(_ signal: Int32, seconds: Double) -> Double? {
        let start = Date()
        kill(process.processIdentifier, signal)
        while process.isRunning, Date().timeIntervalSince(start) < seconds { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { return nil }
        return Date().timeIntervalSince(start)
    }

    /// Kills the process if it still runs and removes its files.
    func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: data)
        try? FileManager.default.removeItem(at: output)
    }
}
