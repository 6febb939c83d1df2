import ThumbgenBasics

#if canImport(Glibc)
import Glibc
#endif

/// Where a command writes, and what it knows of the terminal. Only the CLI layer touches
/// file descriptors 1 and 2; commands write through this.
final class Console: @unchecked Sendable {
    private let lock = Lock()
    /// The file descriptor of standard output (read by `logs --follow` to notice a closed pipe).
    let outputDescriptor: Int32
    private let errorDescriptor: Int32
    /// Whether standard error is a terminal (progress bars are drawn only then).
    let errorIsTerminal: Bool
    /// Whether standard output is a terminal (colour only then).
    let outputIsTerminal: Bool

    init(output: Int32 = STDOUT_FILENO, error: Int32 = STDERR_FILENO) {
        outputDescriptor = output
        errorDescriptor = error
        errorIsTerminal = isatty(error) == 1
        outputIsTerminal = isatty(output) == 1
    }

    /// Writes `text` and a newline to standard output, whole, and flushes it (so pipes see each line at once).
    func line(_ text: String) { write(text + "\n", to: outputDescriptor) }

    /// Writes `text` and a newline to standard error.
    func errorLine(_ text: String) { write(text + "\n", to: errorDescriptor) }

    /// Writes `text` as is to standard error (for progress bars using `\r`).
    func errorRaw(_ text: String) { write(text, to: errorDescriptor) }

    private func write(_ text: String, to descriptor: Int32) {
        lock.withLock {
            var bytes = Array(text.utf8)[...]
            while !bytes.isEmpty {
                let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                bytes = bytes.dropFirst(written)
            }
        }
    }
}
