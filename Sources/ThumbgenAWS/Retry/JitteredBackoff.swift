/// Exponential backoff with "full jitter": before retry `n` (1-based) wait a random time
/// between 0 and `min(cap, base × 2^(n-1))`.
///
/// Source: AWS Architecture Blog, "Exponential Backoff And Jitter" (full jitter); AWS SDKs
/// and Tools Reference Guide, "Retry behavior" (standard mode: 3 attempts, base 100 ms, cap 20 s).
public struct JitteredBackoff: Sendable, Hashable {
    /// The first ceiling; doubles with each retry.
    public var base: Duration
    /// The largest ceiling.
    public var cap: Duration
    /// Attempts in all, including the first (1 means no retry).
    public var maxAttempts: Int

    /// Creates a schedule.
    ///
    /// - Parameters:
    ///   - base: The ceiling of the first wait.
    ///   - cap: The largest ceiling.
    ///   - maxAttempts: Attempts in all, at least 1.
    public init(base: Duration, cap: Duration, maxAttempts: Int) {
        self.base = base
        self.cap = cap
        self.maxAttempts = max(1, maxAttempts)
    }

    /// The SDKs' standard mode: 3 attempts, 100 ms base, 20 s cap.
    public static let standard = JitteredBackoff(base: .milliseconds(100), cap: .seconds(20), maxAttempts: 3)

    /// The ceiling of the wait before retry `retry` (1-based): `min(cap, base × 2^(retry-1))`.
    ///
    /// - Parameter retry: The retry number, 1 for the first retry.
    /// - Returns: The ceiling, never above ``cap``.
    public func ceiling(beforeRetry retry: Int) -> Duration {
        let exponent = min(max(retry - 1, 0), 30)
        let scaled = base * (1 << exponent)
        return scaled < cap ? scaled : cap
    }

    /// A random wait before retry `retry`: uniform in `0...ceiling(beforeRetry:)`, at millisecond resolution.
    ///
    /// - Parameters:
    ///   - retry: The retry number, 1 for the first retry.
    ///   - generator: The random source (injectable for tests).
    /// - Returns: The wait.
    public func delay(beforeRetry retry: Int, using generator: inout some RandomNumberGenerator) -> Duration {
        let ceiling = ceiling(beforeRetry: retry)
        let milliseconds = ceiling.components.seconds * 1000 + ceiling.components.attoseconds / 1_000_000_000_000_000
        guard milliseconds > 0 else { return .zero }
        return .milliseconds(Int64.random(in: 0...milliseconds, using: &generator))
    }

    /// ``delay(beforeRetry:using:)`` with the system random source.
    public func delay(beforeRetry retry: Int) -> Duration {
        var generator = SystemRandomNumberGenerator()
        return delay(beforeRetry: retry, using: &generator)
    }
}
