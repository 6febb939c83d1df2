#if canImport(Glibc)
@_exported import Glibc
#endif
import ThumbgenImaging

/// Entry point of the `thumbgen` program.
public enum ThumbgenCLI {
    /// Runs the program for `arguments` (argv, program name first) and returns the exit status.
    public static func run(arguments: [String]) -> Int32 {
        0
    }
}
