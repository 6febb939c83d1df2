import Foundation
import Testing
import ThumbgenSigV4

/// Secrets never reach a description, debug description or mirror.
@Suite struct RedactionTests {
    static let secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
    static let token = "FQoGZXIvYXdzEXAMPLETOKEN"
    static let credentials = AWSCredentials(accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: secret, sessionToken: token)

    static func renderings() -> [String] {
        let signer = SigV4Signer(credentials: credentials, region: "us-east-1", service: "s3")
        var dumped = "", dumpedSigner = ""
        dump(credentials, to: &dumped)
        dump(signer, to: &dumpedSigner)
        return [
            "\(credentials)", String(describing: credentials), String(reflecting: credentials),
            credentials.description, credentials.debugDescription, dumped,
            "\(signer)", String(reflecting: signer), dumpedSigner,
            "\([credentials])", "\(Optional(credentials) as Any)",
        ]
    }

    @Test(arguments: renderings())
    func noSecretInRendering(_ text: String) {
        #expect(!text.contains(Self.secret))
        #expect(!text.contains(Self.token))
        #expect(text.contains("AKIAIOSFODNN7EXAMPLE"))
    }

    @Test func descriptionShape() {
        #expect(
            Self.credentials.description
                == "AWSCredentials(accessKeyID: AKIAIOSFODNN7EXAMPLE, secretAccessKey: <redacted>, sessionToken: <redacted>)")
        let longTerm = AWSCredentials(accessKeyID: "AKID", secretAccessKey: Self.secret)
        #expect(longTerm.description == "AWSCredentials(accessKeyID: AKID, secretAccessKey: <redacted>, sessionToken: nil)")
    }

    @Test func signingKeyIsRedacted() {
        let key = SigningKey(secretAccessKey: Self.secret, date: AWSDate(secondsSinceEpoch: 0), region: "us-east-1", service: "s3")
        var dumped = ""
        dump(key, to: &dumped)
        for text in ["\(key)", String(reflecting: key), dumped] {
            #expect(!text.contains(key.hexBytes))
            #expect(text.contains("SigningKey"))
        }
    }
}
