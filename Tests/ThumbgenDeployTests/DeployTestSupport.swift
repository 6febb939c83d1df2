import Foundation
import ThumbgenBasics

@testable import ThumbgenCLI
@testable import ThumbgenDeploy

/// Helpers shared by the Deploy*Tests suites: fixtures, temporary folders, child processes.
enum DeployTestSupport {
    /// The path of a file in this target's `Fixtures/` folder.
    static func fixture(_ name: String) throws -> String {
        guard let folder = Bundle.module.path(forResource: "Fixtures", ofType: nil) else {
            throw FixtureMissing(name: name)
        }
        return "\(folder)/\(name)"
    }

    struct FixtureMissing: Error { var name: String }

    /// The repository's `infra/` folder (the real Terraform configuration).
    static let infra = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("infra").path

    /// A Terraform test configuration ready for `--infra`: the files of `Fixtures/NAME` plus
    /// `infra/variables.tf` (the fixtures declare the real configuration's variables by using
    /// its own file), copied afresh into `FOLDER/NAME`, which is returned.
    static func terraformFixture(_ name: String, in folder: String) throws -> String {
        let source = try fixture(name), target = "\(folder)/\(name)"
        try? FileManager.default.removeItem(atPath: target)
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        for file in try FileManager.default.contentsOfDirectory(atPath: source) {
            try FileManager.default.copyItem(atPath: "\(source)/\(file)", toPath: "\(target)/\(file)")
        }
        try? FileManager.default.removeItem(atPath: "\(target)/variables.tf") // a stale build's copy, if any
        try FileManager.default.copyItem(atPath: "\(infra)/variables.tf", toPath: "\(target)/variables.tf")
        return target
    }

    /// A new empty folder under the system temporary folder.
    static func temporaryDirectory(_ prefix: String) throws -> String {
        var template = Array("\(NSTemporaryDirectory())/\(prefix)-XXXXXX".utf8CString)
        guard let pointer = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw CocoaError(.fileWriteUnknown)
        }
        return String(cString: pointer)
    }

    /// Runs a program to completion and returns its status and outputs.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws -> (status: Int32, output: String, error: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    /// The first `name` on PATH, if any.
    static func onPath(_ name: String) -> String? {
        ChildProcess.find(name, path: ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
    }

    /// Whether this process may chroot and mount /proc (root on Linux; CI runs as root).
    static let canChroot: Bool = getuid() == 0 && onPath("chroot") != nil && onPath("mount") != nil && onPath("unzip") != nil

    /// Runs `thumbgen ARGS` in-process with a console writing to files; returns status, stdout, stderr.
    static func thumbgen(_ arguments: [String], environment: [String: String]) throws -> (status: Int32, output: String, error: String) {
        let folder = try temporaryDirectory("thumbgen-console")
        let outPath = "\(folder)/out", errPath = "\(folder)/err"
        let out = open(outPath, O_CREAT | O_WRONLY | O_TRUNC, 0o644), err = open(errPath, O_CREAT | O_WRONLY | O_TRUNC, 0o644)
        let context = CommandContext(environment: environment, console: Console(output: out, error: err), processorCount: 1)
        let status = ThumbgenCLI.run(arguments: arguments, context: context)
        close(out)
        close(err)
        let output = try String(contentsOfFile: outPath, encoding: .utf8)
        let error = try String(contentsOfFile: errPath, encoding: .utf8)
        try? FileManager.default.removeItem(atPath: folder)
        return (status, output, error)
    }

    /// Standard Base64 of the SHA-256 of a file, computed by coreutils' sha256sum (independent of our code).
    static func sha256Base64(ofFile path: String) throws -> String {
        let hex = try run("/usr/bin/env", ["sha256sum", path]).output.prefix(64)
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            bytes.append(UInt8(hex[index..<next], radix: 16) ?? 0)
            index = next
        }
        return Data(bytes).base64EncodedString()
    }
}
