/// What can go wrong in the folder-backed store and its local presigned URLs.
public struct StorageError: Error, Sendable, CustomStringConvertible {
    /// The failure kind; tests and HTTP status mapping match on it.
    public enum Code: Sendable, Equatable {
        /// The key would leave the bucket folder (`..` or `.` segment, absolute, NUL, empty segment).
        case invalidKey
        /// No object under that key.
        case notFound
        /// A local presigned URL is malformed, altered or expired.
        case badSignature
        /// Reading or writing the folder failed.
        case io
    }

    /// The failure kind.
    public var code: Code
    /// One line naming the bucket/key and the cause.
    public var message: String

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - code: The failure kind.
    ///   - message: One line naming the subject.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
