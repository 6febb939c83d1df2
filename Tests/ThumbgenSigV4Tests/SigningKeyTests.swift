import Foundation
import Testing
import ThumbgenSigV4

/// "Calculate the signature" on its own.
@Suite struct SigningKeyTests {
    /// The key derivation example of AWS's general SigV4 docs (secret of the generic suite,
    /// 20150830, us-east-1, iam); value from `Fixtures/s3-examples.md`.
    @Test func iamExampleKey() {
        let key = SigningKey(
            secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            date: AWSDate(secondsSinceEpoch: 1_440_938_160), region: "us-east-1", service: "iam")
        #expect(key.hexBytes == "c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9")
    }

    /// aws-chunked chunk 1 of the S3 streaming example (s3-examples.md §6): the string to
    /// sign built from parts, signed with the day's key.
    @Test func chunkStringToSign() {
        let key = S3ExampleTests.signer.signingKey(for: AWSDate(S3ExampleTests.date))
        let stringToSign = StringToSign(
            algorithm: SigV4Names.chunkAlgorithm, timestamp: "20130524T000000Z",
            scope: "20130524/us-east-1/s3/aws4_request",
            hashes: [
                "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9", PayloadHash.empty,
                PayloadHash.sha256Hex([UInt8](repeating: 0x61, count: 65_536)),
            ])
        #expect(stringToSign.hashes[2] == "bf718b6f653bebc184e1479f1935b8da974d701b893afcf49e701f3e2f9f9c5a")
        #expect(key.signature(for: stringToSign) == "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648")
    }
}
