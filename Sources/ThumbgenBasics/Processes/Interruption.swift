#if canImport(Glibc)
import Glibc
#endif

/// Ctrl-C handling, one place for every command.
///
/// The first SIGINT only sets a flag: batch work stops taking new items (items in flight finish
/// and are written whole or not at all), a follow loop ends, and the program exits 130. What a
/// second SIGINT does depends on ``install(secondSignalExits:)``: by default it ends the process
/// at once with status 130; while a child such as Terraform must be allowed to save its state,
/// it is recorded only (the terminal already delivered it to the child too).
package enum Interruption {
    nonisolated(unsafe) private static var flag: sig_atomic_t = 0
    nonisolated(unsafe) private static var secondExits: sig_atomic_t = 1

    /// Whether SIGINT has arrived since ``install(secondSignalExits:)``.
    package static var requested: Bool { flag != 0 }

    /// Installs the SIGINT handler and unblocks SIGINT for this thread (a parent may start us
    /// with it blocked, since `posix_spawn` and `fork` pass the signal mask on, and a blocked
    /// Ctrl-C would stay pending forever).
    ///
    /// - Parameter secondSignalExits: whether a second SIGINT calls `_exit(130)` at once.
    package static func install(secondSignalExits: Bool = true) {
        secondExits = secondSignalExits ? 1 : 0
        signal(SIGINT) { _ in
            if Interruption.flag != 0, Interruption.secondExits != 0 { _exit(130) }
            Interruption.flag = 1
        }
        unblock()
    }

    /// Unblocks SIGINT (and SIGTERM) for this thread.
    package static func unblock() {
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
    }
}
