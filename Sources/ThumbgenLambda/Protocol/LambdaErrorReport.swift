import FoundationEssentials

/// The body of an error report: `{"errorMessage": "...", "errorType": "..."}`, posted to
/// ``RuntimeAPI/errorPath(requestID:)`` or ``RuntimeAPI/initErrorPath`` with the same type in
/// the `Lambda-Runtime-Function-Error-Type` header.
///
/// Source: "Using the Lambda runtime API for custom runtimes", sections "Invocation error"
/// and "Initialization error". No stack trace is ever sent.
package struct LambdaErrorReport: Sendable, Hashable, Codable {
    /// One line describing the failure, e.g. `s3://photos/cat.jpg: not a JPEG or PNG`.
    package var errorMessage: String
    /// A category, e.g. `ServiceError.corruptImage` or `Runtime.ConfigInvalid`.
    package var errorType: String

    /// Creates a report.
    ///
    /// - Parameters:
    ///   - errorType: The category.
    ///   - errorMessage: One line.
    package init(errorType: String, errorMessage: String) {
        self.errorType = errorType
        self.errorMessage = errorMessage
    }

    /// A report for `error`: its ``LambdaReportableError/lambdaErrorType`` when it has one,
    /// else its type name; the message is the error's description.
    ///
    /// - Parameter error: The error thrown by a handler or by set-up.
    package init(_ error: any Error) {
        if let reportable = error as? any LambdaReportableError {
            errorType = reportable.lambdaErrorType
        } else {
            errorType = String(describing: type(of: error))
        }
        errorMessage = String(describing: error)
    }

    /// The JSON body, bytes.
    package var jsonBytes: [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)).map { Array($0) } ?? Array(#"{"errorMessage":"","errorType":"Runtime.Unknown"}"#.utf8)
    }
}

/// An error that names its own Lambda error type (e.g. `ServiceError.corruptImage`), so
/// reports and logs can be grouped by it.
package protocol LambdaReportableError: Error {
    /// The `errorType` to report.
    var lambdaErrorType: String { get }
}
