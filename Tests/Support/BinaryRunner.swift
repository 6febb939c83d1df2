import Foundation

/// Runs the built `thumbgen` binary as a user would and captures what it printed.
package struct BinaryRunner {
    package struct Result {
        package var status: Int32
        package var stdout: String
        package var stderr: String
    }

    /// The package root, found from this source file's path (not the working directory).
    package static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `thumbgen` beside the test bundle (SwiftPM builds executables with the tests).
    package static var binary: URL {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("thumbgen")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return packageRoot.appendingPathComponent(".build/debug/thumbgen")
    }

    /// A shipped example image, e.g. `photo.jpg`.
    package static func example(_ name: String) -> URL { packageRoot.appendingPathComponent("examples/\(name)") }

    /// Runs `script` with `bash -c` in `directory`, as a user's pipeline runs; `$THUMBGEN` is the
    /// built binary. stdout and stderr are the whole pipeline's.
    package static func shell(_ script: String, in directory: URL? = nil) throws -> Result {
        var environment = ProcessInfo.processInfo.environment
        environment["THUMBGEN"] = binary.path
        return try run(["-c", script], in: directory, environment: environment, executable: URL(fileURLWithPath: "/bin/bash"))
    }

    /// Runs `thumbgen ARGUMENTS` in `directory` with stdin closed.
    package static func run(
        _ arguments: [String], in directory: URL? = nil, environment: [String: String]? = nil,
        executable: URL? = nil
    ) throws -> Result {
        let process = Process()
        process.executableURL = executable ?? binary
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if let environment { process.environment = environment }
        // Capture into files rather than pipes, so a chatty child never blocks on a full pipe.
        let capture = FileManager.default.temporaryDirectory.appendingPathComponent("thumbgen-run-\(UUID().uuidString)")
        let outURL = capture.appendingPathExtension("out"), errURL = capture.appendingPathExtension("err")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        let outData = try Data(contentsOf: outURL), errData = try Data(contentsOf: errURL)
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}

/// A fresh temporary folder, removed by `remove()`.
package struct TemporaryFolder {
    package let url: URL
    package init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("thumbgen-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    package func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    package func copy(_ source: URL, as name: String) throws -> String {
        let destination = path(name)
        try FileManager.default.copyItem(atPath: source.path, toPath: destination)
        return destination
    }
    /// Names in the folder, sorted, hidden ones included (to catch stray temporary files).
    package func contents() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: url.path).sorted() }
    package func remove() { try? FileManager.default.removeItem(at: url) }

    /// A new file holding `bytes` in the system temporary folder; the caller removes it.
    package static func file(_ bytes: [UInt8]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("thumbgen-s3-\(UUID().uuidString)").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }
}

/// Dimensions read from an encoded file's header: JPEG SOFn or PNG IHDR. Test-only, minimal.
package enum EncodedDimensions {
    package static func of(_ path: String) -> (format: String, width: Int, height: Int)? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let bytes = [UInt8](data)
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]), bytes.count >= 24 {
            func be32(_ i: Int) -> Int { Int(bytes[i]) << 24 | Int(bytes[i + 1]) << 16 | Int(bytes[i + 2]) << 8 | Int(bytes[i + 3]) }
            return ("png", be32(16), be32(20))
        }
        guard bytes.starts(with: [0xFF, 0xD8]) else { return nil }
        var index = 2
        while index + 9 < bytes.count {
            guard bytes[index] == 0xFF else { return nil }
            let marker = bytes[index + 1]
            let length = Int(bytes[index + 2]) << 8 | Int(bytes[index + 3])
            if (0xC0...0xCF).contains(marker), marker != 0xC4, marker != 0xC8, marker != 0xCC {
                let height = Int(bytes[index + 5]) << 8 | Int(bytes[index + 6])
                let width = Int(bytes[index + 7]) << 8 | Int(bytes[index + 8])
                return ("jpeg", width, height)
            }
            index += 2 + length
        }
        return nil
    }

    /// Whether the JPEG at `path` has an APP1 (EXIF/XMP) segment.
    package static func hasAPP1(_ path: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: path) else { return false }
        let bytes = [UInt8](data)
        var index = 2
        while index + 4 < bytes.count, bytes[index] == 0xFF, bytes[index + 1] != 0xDA {
            if bytes[index + 1] == 0xE1 { return true }
            index += 2 + (Int(bytes[index + 2]) << 8 | Int(bytes[index + 3]))
        }
        return false
    }
}
