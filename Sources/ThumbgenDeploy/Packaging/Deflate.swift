import CThumbgenZlib

/// Raw DEFLATE and CRC-32 over zlib: the only Swift file that imports `CThumbgenZlib`.
enum Deflate {
    /// Compresses `bytes` as one raw DEFLATE stream (RFC 1951; zip method 8, APPNOTE.TXT 4.4.5)
    /// at level 6. The output depends only on the input and the zlib version.
    ///
    /// - Parameter bytes: the data to compress.
    /// - Returns: the compressed stream.
    /// - Throws: ``DeployError`` `.compression` with zlib's code when zlib fails.
    static func compress(_ bytes: [UInt8], name: String) throws(DeployError) -> [UInt8] {
        let capacity = cthumbgen_zlib_deflate_bound(bytes.count)
        var output = [UInt8](repeating: 0, count: capacity)
        var written = 0
        let status = bytes.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                cthumbgen_zlib_deflate_raw(input.baseAddress, input.count, out.baseAddress, out.count, &written)
            }
        }
        guard status == 0 else { throw DeployError(.compression, "\(name): zlib deflate failed with code \(status)") }
        output.removeSubrange(written...)
        return output
    }

    /// The CRC-32 of `bytes` (ISO 3309 polynomial, as zip's "crc-32" field; APPNOTE.TXT 4.4.7).
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { cthumbgen_zlib_crc32(0, $0.baseAddress, $0.count) }
    }
}
