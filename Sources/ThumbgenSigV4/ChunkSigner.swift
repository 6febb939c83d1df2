import FoundationEssentials

/// Signs the chunks of an S3 `aws-chunked` upload (`x-amz-content-sha256:
/// STREAMING-AWS4-HMAC-SHA256-PAYLOAD`), each chaining on the previous signature.
///
/// Source: S3 API Reference, "Signature Calculations for the Authorization Header:
/// Transferring Payload in Multiple Chunks (Chunked Upload) (AWS Signature Version 4)".
/// Each chunk's string to sign is
/// `AWS4-HMAC-SHA256-PAYLOAD\n<timestamp>\n<scope>\n<previous signature>\n<SHA-256 of "">\n<SHA-256 of chunk>`;
/// the first "previous signature" is the seed (header) signature; the body ends with a
/// zero-length chunk. Sign the seed request with `Content-Encoding: aws-chunked`,
/// `x-amz-decoded-content-length: <payload bytes>`, `Content-Length:
/// encodedLength(payloadLength:chunkSize:)` and `payloadHash: SigV4Names.streamingPayload`.
package struct ChunkSigner: Sendable {
    let key: SigningKey
    /// The seed request's `yyyyMMdd'T'HHmmss'Z'`.
    package let timestamp: String
    /// The seed request's credential scope.
    package let scope: String
    /// The signature the next chunk chains on: the seed's, then each chunk's.
    public private(set) var previousSignature: String

    /// A chunk signer continuing from a signed seed request.
    ///
    /// - Parameters:
    ///   - signer: The signer that signed the seed request.
    ///   - date: The seed request's signing time.
    ///   - seedSignature: The seed request's signature (64 hex digits).
    package init(signer: SigV4Signer, date: Date, seedSignature: String) {
        let awsDate = AWSDate(date)
        self.key = signer.signingKey(for: awsDate)
        self.timestamp = awsDate.timestamp
        self.scope = StringToSign.scope(date: awsDate, region: signer.region, service: signer.service)
        self.previousSignature = seedSignature
    }

    /// Signs the next chunk and makes its signature the one the following chunk chains on.
    ///
    /// - Parameter chunk: The chunk's payload bytes (empty for the final chunk).
    /// - Returns: The chunk signature, 64 lower-case hex digits.
    package mutating func signNext(_ chunk: some DataProtocol) -> String {
        let stringToSign = StringToSign(
            algorithm: SigV4Names.chunkAlgorithm, timestamp: timestamp, scope: scope,
            hashes: [previousSignature, PayloadHash.empty, PayloadHash.sha256Hex(chunk)])
        previousSignature = key.signature(for: stringToSign)
        return previousSignature
    }

    /// Signs the next chunk and frames it for the wire:
    /// `<size in lower-case hex>;chunk-signature=<signature>\r\n<bytes>\r\n`.
    ///
    /// - Parameter chunk: The chunk's payload bytes (empty for the final chunk).
    /// - Returns: The framed chunk, `frameOverhead(chunkSize:) + chunk.count` bytes.
    package mutating func encodeNext(_ chunk: [UInt8]) -> [UInt8] {
        let signature = signNext(chunk)
        let header = String(chunk.count, radix: 16) + ";chunk-signature=" + signature + "\r\n"
        return Array(header.utf8) + chunk + Array("\r\n".utf8)
    }

    /// Bytes a chunk of `chunkSize` payload bytes adds when framed: hex size, 17 for
    /// `;chunk-signature=`, 64 for the signature, and two CRLFs.
    ///
    /// - Parameter chunkSize: The chunk's payload bytes.
    /// - Returns: The framing overhead in bytes.
    package static func frameOverhead(chunkSize: Int) -> Int {
        String(chunkSize, radix: 16).utf8.count + 17 + 64 + 4
    }

    /// The `Content-Length` of an aws-chunked body: `payloadLength` bytes cut into chunks of
    /// `chunkSize` (the last one shorter), plus the final empty chunk, all framed.
    ///
    /// - Parameters:
    ///   - payloadLength: The object's size in bytes (`x-amz-decoded-content-length`).
    ///   - chunkSize: Bytes per chunk, at least 8192 except the last (S3's minimum); values below 1 are treated as 1.
    /// - Returns: The encoded length in bytes, e.g. 66824 for 66560 bytes in 65536-byte chunks.
    package static func encodedLength(payloadLength: Int, chunkSize: Int) -> Int {
        let size = max(chunkSize, 1)
        let fullChunks = payloadLength / size, remainder = payloadLength % size
        var total = fullChunks * (frameOverhead(chunkSize: size) + size)
        if remainder > 0 { total += frameOverhead(chunkSize: remainder) + remainder }
        return total + frameOverhead(chunkSize: 0)
    }
}
