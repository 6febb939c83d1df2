/// What can stop `thumbgen serve` from starting or running.
package struct ServeError: Error, Sendable, CustomStringConvertible {
    /// The failure kind.
    package enum Code: Sendable, Equatable {
        /// The address could not be bound (in use, not local, no permission).
        case bindFailed
        /// The data folder could not be created or used.
        case storage
        /// The function could not be set up (configuration, credentials, same bucket twice).
        case function
    }

    /// The failure kind.
    package var code: Code
    /// One line naming the address, folder or bucket and the cause.
    package var message: String

    package init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    package var description: String { message }
}
