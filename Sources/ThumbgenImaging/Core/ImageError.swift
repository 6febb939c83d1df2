/// Everything that can go wrong while turning an image file into a thumbnail.
///
/// `message` is one line that names the subject (usually the file) and the cause; it is what
/// the CLI prints and what the Lambda function reports for a record.
package struct ImageError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is; tests and HTTP status mapping match on it.
    package enum Code: Sendable, Equatable {
        /// The input is empty (zero bytes).
        case empty
        /// The bytes are neither JPEG nor PNG (by magic number).
        case unsupportedFormat
        /// The decoder found damaged or truncated data.
        case corrupt
        /// The header declares more pixels than the configured maximum.
        case tooManyPixels
        /// The encoder failed.
        case encodeFailed
        /// An option is out of range (for example a zero target size).
        case invalidOptions
        /// Reading or writing a file failed.
        case io
    }

    /// The failure kind.
    package var code: Code
    /// One line naming the subject and the cause, without a trailing period.
    package var message: String

    package init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    package var description: String { message }
}
