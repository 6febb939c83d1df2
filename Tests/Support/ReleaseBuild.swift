import Foundation

/// The `thumbgen` users deploy: README's release build (`swift build -c release
/// --static-swift-stdlib`), made once per test process and shared by the tests that package
/// it (package contents, the empty-root runs, the whole stack). It builds into its own scratch
/// folder, `.build-release` in the package root, so it never waits on the lock of the debug
/// build that runs the tests, and is incremental across runs. `THUMBGEN_BINARY` names a ready
/// binary instead.
package enum ReleaseBuild {
    /// The binary's path, or why it could not be built (the build's last output lines).
    package static let thumbgen: Result<String, BuildFailure> = {
        if let path = ProcessInfo.processInfo.environment["THUMBGEN_BINARY"], !path.isEmpty { return .success(path) }
        let scratch = BinaryRunner.packageRoot.appendingPathComponent(".build-release").path
        let arguments = ["build", "-c", "release", "--static-swift-stdlib", "--product", "thumbgen", "--scratch-path", scratch]
        let built = run(arguments)
        guard built.status == 0 else {
            return .failure(BuildFailure(description: "swift \(arguments.joined(separator: " ")) failed (\(built.status)): \(built.output.suffix(2000))"))
        }
        let binPath = run(["build", "-c", "release", "--static-swift-stdlib", "--scratch-path", scratch, "--show-bin-path"])
        let folder = binPath.output.split(separator: "\n").last.map(String.init) ?? ""
        let path = folder + "/thumbgen"
        guard binPath.status == 0, FileManager.default.isExecutableFile(atPath: path) else {
            return .failure(BuildFailure(description: "no release thumbgen at '\(path)'"))
        }
        return .success(path)
    }()

    /// The release binary's path.
    ///
    /// - Throws: ``BuildFailure`` with the build's output.
    package static func path() throws -> String { try thumbgen.get() }

    package struct BuildFailure: Error, CustomStringConvertible {
        package var description: String
    }

    /// Runs `swift ARGUMENTS` in the package root; output and errors together.
    private static func run(_ arguments: [String]) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["swift"] + arguments
        process.currentDirectoryURL = BinaryRunner.packageRoot
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return (-1, "cannot start swift: \(error)") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
