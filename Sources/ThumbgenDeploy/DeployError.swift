import ThumbgenBasics

/// A failure of `thumbgen deploy`: packaging, reading ELF files, running Terraform, or
/// reading and writing the saved stack outputs.
///
/// `message` is one line naming its subject (file, library, tool, output key).
package struct DeployError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, for tests and callers to match on.
    package enum Code: Sendable, Equatable {
        /// A file could not be read or written.
        case fileSystem
        /// zlib refused to compress an entry.
        case compression
        /// The archive or an entry exceeds the classic zip limits (4 GiB, 65,535 entries).
        case archiveTooLarge
        /// A file that must be an ELF executable or library is not one we can read.
        case notELF
        /// The binary cannot be made to use the bundled loader (no room for the path).
        case cannotRewrite
        /// A shared library in the closure could not be found on this machine.
        case libraryNotFound
        /// Neither `terraform` nor `tofu` is on PATH.
        case terraformNotFound
        /// A child process could not be started.
        case spawnFailed
        /// Terraform ran and failed; `exitStatus` carries its status.
        case terraformFailed
        /// Terraform was interrupted (SIGINT); its state is left as Terraform wrote it.
        case interrupted
        /// `terraform output -json` or a saved stack file is not what we expect.
        case invalidOutputs
        /// No saved stack outputs exist where they were looked for.
        case noStack
    }

    package var code: Code
    package var message: String
    /// The exit status of the child process, for `.terraformFailed`.
    package var exitStatus: Int32?

    package init(_ code: Code, _ message: String, exitStatus: Int32? = nil) {
        self.code = code
        self.message = message
        self.exitStatus = exitStatus
    }

    package var description: String { message }
}

extension DeployError {
    /// Runs `body` (a ``ChildProcess`` call), turning its ``ProcessError`` into `.spawnFailed`.
    static func spawning<T>(_ body: () throws(ProcessError) -> T) throws(DeployError) -> T {
        do { return try body() } catch { throw DeployError(.spawnFailed, error.message) }
    }
}
