#if canImport(Glibc)
import Glibc
#endif

/// Ctrl-C handling for batch work: the first SIGINT asks workers to stop taking new files
/// (files in flight finish and are written whole or not at all); the program then exits 130.
/// A second SIGINT ends the process at once with status 130.
enum Interruption {
    nonisolated(unsafe) private static var flag: sig_atomic_t = 0

    /// Whether SIGINT has arrived since ``install()``.
    static var requested: Bool { flag != 0 }

    /// Installs the SIGINT handler.
    static func install() {
        signal(SIGINT) { _ in
            if Interruption.flag != 0 { _exit(130) }
            Interruption.flag = 1
        }
    }
}
