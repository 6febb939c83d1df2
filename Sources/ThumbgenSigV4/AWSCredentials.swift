import FoundationEssentials

/// AWS credentials: an access key pair and, for temporary credentials, a session token.
///
/// The secret access key and the session token never appear in `description`,
/// `debugDescription` or a `Mirror` (so not in `print`, `dump`, string interpolation or
/// `String(reflecting:)`); only the access key ID, which AWS treats as an identifier, does.
package struct AWSCredentials: Sendable, Hashable {
    /// The access key ID, e.g. `AKIAIOSFODNN7EXAMPLE`.
    package var accessKeyID: String
    /// The secret access key (40 characters for IAM keys). Never printed.
    package var secretAccessKey: String
    /// The session token of temporary credentials (STS, Lambda's execution role), sent as
    /// `X-Amz-Security-Token`; `nil` for long-term keys. Never printed.
    package var sessionToken: String?

    /// Creates credentials from their parts.
    ///
    /// - Parameters:
    ///   - accessKeyID: The access key ID.
    ///   - secretAccessKey: The secret access key.
    ///   - sessionToken: The session token of temporary credentials, or `nil`.
    package init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
    }
}

extension AWSCredentials: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The text that stands in for a secret in every description.
    static let redacted = "<redacted>"

    /// `AWSCredentials(accessKeyID: AKID…, secretAccessKey: <redacted>, sessionToken: <redacted>)`;
    /// `sessionToken: nil` when there is none. Secrets are never included.
    package var description: String {
        let token = sessionToken == nil ? "nil" : Self.redacted
        return "AWSCredentials(accessKeyID: \(accessKeyID), secretAccessKey: \(Self.redacted), sessionToken: \(token))"
    }

    /// The same text as `description`: secrets redacted.
    package var debugDescription: String { description }

    /// A mirror whose children carry the redaction text instead of the secrets, so `dump`
    /// and reflection-based printing cannot reveal them.
    package var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "accessKeyID": accessKeyID,
                "secretAccessKey": Self.redacted,
                "sessionToken": sessionToken == nil ? "nil" : Self.redacted,
            ], displayStyle: .struct)
    }
}
