import Foundation
import Testing
import ThumbgenSigV4

/// The S3 chunked-upload example (S3 API Reference, "… Transferring Payload in Multiple
/// Chunks"; `Fixtures/s3-examples.md` §6; also asserted in aws-c-auth's
/// `tests/test_chunked_signing.c`): 66560 bytes of `a` in 65536 + 1024 + 0-byte chunks.
@Suite struct ChunkSignerTests {
    static let seedRequest = SigV4Request(
        method: "PUT", encodedPath: "/examplebucket/chunkObject.txt", query: [],
        headers: [
            ("Host", "s3.amazonaws.com"), ("x-amz-storage-class", "REDUCED_REDUNDANCY"),
            ("Content-Encoding", "aws-chunked"), ("x-amz-decoded-content-length", "66560"),
            ("Content-Length", String(ChunkSigner.encodedLength(payloadLength: 66_560, chunkSize: 65_536))),
        ],
        payloadHash: SigV4Names.streamingPayload)

    @Test func encodedLength() {
        #expect(ChunkSigner.encodedLength(payloadLength: 66_560, chunkSize: 65_536) == 66_824)
        #expect(ChunkSigner.encodedLength(payloadLength: 0, chunkSize: 65_536) == 86)
        #expect(ChunkSigner.encodedLength(payloadLength: 65_536, chunkSize: 65_536) == 65_536 + 90 + 86) // "10000" + 17 + 64 + 4 CRLF bytes = 90
    }

    @Test func seedAndChunkSignatures() {
        let seed = S3ExampleTests.signer.sign(Self.seedRequest, date: S3ExampleTests.date)
        #expect(
            seed.canonicalRequest.signedHeaders
                == "content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-storage-class")
        #expect(seed.canonicalRequest.hash == "cee3fed04b70f867d036f722359b0b1f2f0e5dc0efadbc082b76c4c60e316455")
        #expect(seed.signature == "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9")

        var chunks = ChunkSigner(signer: S3ExampleTests.signer, date: S3ExampleTests.date, seedSignature: seed.signature)
        var body: [UInt8] = []
        body += chunks.encodeNext([UInt8](repeating: 0x61, count: 65_536))
        #expect(chunks.previousSignature == "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648")
        body += chunks.encodeNext([UInt8](repeating: 0x61, count: 1024))
        #expect(chunks.previousSignature == "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497")
        body += chunks.encodeNext([])
        #expect(chunks.previousSignature == "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9")

        #expect(body.count == 66_824)
        let text = String(decoding: body, as: UTF8.self)
        #expect(text.hasPrefix("10000;chunk-signature=ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648\r\naaa"))
        #expect(text.hasSuffix("a\r\n0;chunk-signature=b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9\r\n\r\n"))
        #expect(text.contains("a\r\n400;chunk-signature=0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497\r\naaa"))
    }
}
