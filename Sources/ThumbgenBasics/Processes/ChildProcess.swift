#if canImport(Glibc)
import Glibc
#endif

/// Runs another program with `posix_spawn` (no Foundation `Process`, which would pull ICU into
/// the binary): either streaming its output to ours, or capturing its standard output.
package enum ChildProcess {
    /// The outcome of a finished child.
    package struct Result: Sendable {
        /// The exit status, or 128 + signal number when killed by a signal (as shells report).
        package var status: Int32
        /// Standard output when captured, else empty.
        package var output: [UInt8]
    }

    /// Runs `executable` with `arguments` and waits for it.
    ///
    /// - Parameters:
    ///   - executable: an absolute path (PATH is not searched; see ``find(_:path:)``).
    ///   - arguments: argv without argv[0] (argv[0] is `executable`).
    ///   - environment: the child's whole environment.
    ///   - captureOutput: capture standard output (standard error still streams) instead of
    ///     letting it stream to ours.
    /// - Returns: the exit status and, when captured, the output bytes.
    /// - Throws: ``ProcessError`` naming the program when it cannot be started or waited for.
    package static func run(
        _ executable: String, _ arguments: [String], environment: [String: String],
        captureOutput: Bool = false
    ) throws(ProcessError) -> Result {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var pipeEnds: [Int32] = [-1, -1]
        if captureOutput {
            guard pipe(&pipeEnds) == 0 else { throw ProcessError("\(executable): pipe: \(String(cString: strerror(errno)))") }
            posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], STDOUT_FILENO)
            posix_spawn_file_actions_addclose(&actions, pipeEnds[0])
            posix_spawn_file_actions_addclose(&actions, pipeEnds[1])
        }
        let argv = [executable] + arguments
        let envp = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        var pid = pid_t()
        let status = withCStrings(argv) { cArgv in
            withCStrings(envp) { cEnvp in posix_spawn(&pid, executable, &actions, nil, cArgv, cEnvp) }
        }
        if captureOutput { close(pipeEnds[1]) }
        guard status == 0 else {
            if captureOutput { close(pipeEnds[0]) }
            throw ProcessError("\(executable): cannot start: \(String(cString: strerror(status)))")
        }
        var output: [UInt8] = []
        if captureOutput {
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(pipeEnds[0], $0.baseAddress, $0.count) }
                if count < 0, errno == EINTR { continue }
                if count <= 0 { break }
                output += buffer[0..<count]
            }
            close(pipeEnds[0])
        }
        var waitStatus: Int32 = 0
        while waitpid(pid, &waitStatus, 0) < 0 {
            if errno != EINTR { throw ProcessError("\(executable): waitpid: \(String(cString: strerror(errno)))") }
        }
        // WIFEXITED / WEXITSTATUS / WTERMSIG, spelled out (they are C macros).
        let signal = waitStatus & 0x7F
        let exitStatus = signal == 0 ? (waitStatus >> 8) & 0xFF : 128 + signal
        return Result(status: exitStatus, output: output)
    }

    /// The first executable file called `name` in the `:`-separated `path` list, as a shell finds it.
    package static func find(_ name: String, path: String) -> String? {
        for folder in path.split(separator: ":", omittingEmptySubsequences: true) {
            let candidate = "\(folder)/\(name)"
            if access(candidate, X_OK) == 0, !FileIO.isDirectory(candidate) { return candidate }
        }
        return nil
    }

    /// Calls `body` with a NULL-terminated `char *[]` of `strings`.
    private static func withCStrings<R>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> R) -> R {
        var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
        pointers.append(nil)
        defer { for pointer in pointers { free(pointer) } }
        return body(pointers)
    }
}

/// A child process that could not be started or waited for; `message` names the program and
/// the system's reason.
package struct ProcessError: Error, Sendable, CustomStringConvertible {
    package var message: String
    package var description: String { message }

    package init(_ message: String) { self.message = message }
}
