// OWNER: SigV4 helper. STUB: the public shape other targets build against; replace the bodies.
import FoundationEssentials

/// AWS credentials: an access key pair and, for temporary credentials, a session token.
public struct AWSCredentials: Sendable, Hashable {
    public var accessKeyID: String
    public var secretAccessKey: String
    public var sessionToken: String?
    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
    }
}

/// The parts of an HTTP request that SigV4 signs.
public struct SigV4Request: Sendable {
    /// `GET`, `PUT`, ...
    public var method: String
    /// The path exactly as it goes on the wire, already URI-encoded (for S3: each key byte
    /// outside the unreserved set as `%XX`, `/` kept).
    public var encodedPath: String
    /// Query parameters, raw (not encoded); order does not matter; a parameter without a value has `""`.
    public var query: [(name: String, value: String)]
    /// Headers to sign, including `host` (with `:port` when not the scheme's default).
    public var headers: [(name: String, value: String)]
    /// Lower-case hex SHA-256 of the body, or `UNSIGNED-PAYLOAD`.
    public var payloadHash: String
    public init(method: String, encodedPath: String, query: [(name: String, value: String)], headers: [(name: String, value: String)], payloadHash: String) {
        self.method = method
        self.encodedPath = encodedPath
        self.query = query
        self.headers = headers
        self.payloadHash = payloadHash
    }
}

/// Signs requests with AWS Signature Version 4.
public struct SigV4Signer: Sendable {
    public var credentials: AWSCredentials
    public var region: String
    public var service: String
    public init(credentials: AWSCredentials, region: String, service: String) {
        self.credentials = credentials
        self.region = region
        self.service = service
    }

    /// Headers to add to `request` so that it is signed at `date`:
    /// `X-Amz-Date`, `X-Amz-Security-Token` (with a session token),
    /// `X-Amz-Content-SHA256` (S3), and `Authorization`.
    public func signatureHeaders(for request: SigV4Request, date: Date) -> [(name: String, value: String)] {
        [] // STUB
    }

    /// Query parameters to append to `request` for a presigned URL valid `expires` seconds from `date`
    /// (`X-Amz-Algorithm` ... `X-Amz-Signature`).
    public func presignedQuery(for request: SigV4Request, date: Date, expires: Int) -> [(name: String, value: String)] {
        [] // STUB
    }
}
