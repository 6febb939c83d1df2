import FoundationEssentials
import Glibc

/// Time and chance, injected so retries and clock-skew handling can be tested:
/// the current time, a blocking sleep and a uniform random number.
package struct AWSClock: Sendable {
    /// The current time.
    package var now: @Sendable () -> Date
    /// Blocks the calling thread for the given duration.
    package var sleep: @Sendable (Duration) -> Void
    /// A uniform random number in `0..<1` (for backoff jitter).
    package var random: @Sendable () -> Double

    /// Creates a clock.
    ///
    /// - Parameters:
    ///   - now: The current time.
    ///   - sleep: A blocking sleep.
    ///   - random: Uniform in `0..<1`.
    package init(
        now: @escaping @Sendable () -> Date, sleep: @escaping @Sendable (Duration) -> Void,
        random: @escaping @Sendable () -> Double
    ) {
        self.now = now
        self.sleep = sleep
        self.random = random
    }

    /// The system clock, `nanosleep(2)` and the system random generator.
    package static let system = AWSClock(
        now: { Date() },
        sleep: { duration in
            let parts = duration.components
            guard parts.seconds > 0 || parts.attoseconds > 0 else { return }
            var request = timespec(tv_sec: Int(parts.seconds), tv_nsec: Int(parts.attoseconds / 1_000_000_000))
            var remaining = timespec()
            while nanosleep(&request, &remaining) != 0 && errno == EINTR { request = remaining }
        },
        random: { Double.random(in: 0..<1) })
}

/// How many times to try a request and how long to wait in between: exponential backoff
/// with full jitter, `random(0, min(maxDelay, baseDelay * 2^retry))`.
///
/// Source: AWS SDKs and Tools Reference Guide, "Retry behavior" (standard mode), and the
/// AWS Architecture Blog, "Exponential Backoff And Jitter" (full jitter).
package struct AWSRetryPolicy: Sendable, Hashable {
    /// Total attempts including the first (at least 1).
    package var maxAttempts: Int
    /// The backoff unit.
    package var baseDelay: Duration
    /// The cap on any single wait.
    package var maxDelay: Duration

    /// Creates a policy.
    ///
    /// - Parameters:
    ///   - maxAttempts: Total attempts (default 4).
    ///   - baseDelay: Backoff unit (default 200 ms).
    ///   - maxDelay: Cap on one wait (default 20 s, as the AWS SDKs' standard mode).
    package init(maxAttempts: Int = 4, baseDelay: Duration = .milliseconds(200), maxDelay: Duration = .seconds(20)) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// The default policy: 4 attempts, 200 ms unit, 20 s cap.
    package static let standard = AWSRetryPolicy()

    /// The wait before retry number `retry` (0 for the first retry).
    ///
    /// - Parameters:
    ///   - retry: How many retries came before this one.
    ///   - random: Uniform in `0..<1`.
    /// - Returns: `random * min(maxDelay, baseDelay * 2^retry)`.
    package func delay(beforeRetry retry: Int, random: Double) -> Duration {
        let ceiling = min(maxDelay, baseDelay * (1 << min(retry, 30)))
        return ceiling * min(max(random, 0), 1)
    }
}
