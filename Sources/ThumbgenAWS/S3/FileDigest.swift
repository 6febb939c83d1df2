import Crypto
import FoundationEssentials
import Glibc

/// MD5 and SHA-256 of a byte range of a file, computed in one streaming pass
/// (1 MiB at a time), for `Content-MD5`, `x-amz-checksum-sha256` and `x-amz-content-sha256`.
struct FileDigest: Sendable {
    /// Base64 of the 16-byte MD5 (RFC 1864), for `Content-MD5`.
    var md5Base64: String
    /// Lower-case hex SHA-256, for `x-amz-content-sha256`.
    var sha256Hex: String
    /// Base64 of the 32-byte SHA-256, for `x-amz-checksum-sha256`.
    var sha256Base64: String
    /// Bytes hashed.
    var length: Int64

    /// Hashes `length` bytes of `path` from `offset` (nil: to the end).
    ///
    /// - Throws: ``AWSError`` `.file` naming the file when it cannot be opened or read.
    init(path: String, offset: Int64 = 0, length: Int64? = nil) throws(AWSError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Self.fileError("cannot open \(path)") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw Self.fileError("cannot stat \(path)") }
        var remaining = length ?? (Int64(info.st_size) - offset)
        var position = offset
        var md5 = Insecure.MD5()
        var sha = SHA256()
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while remaining > 0 {
            let want = Int(min(Int64(buffer.count), remaining))
            let got = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, want, off_t(position)) }
            if got < 0 && errno == EINTR { continue }
            guard got > 0 else { throw Self.fileError("cannot read \(path) at byte \(position)") }
            buffer.withUnsafeBytes { chunk in
                let slice = UnsafeRawBufferPointer(rebasing: chunk[0..<got])
                md5.update(bufferPointer: slice)
                sha.update(bufferPointer: slice)
            }
            position += Int64(got)
            remaining -= Int64(got)
        }
        self.init(md5: md5.finalize(), sha256: sha.finalize(), length: position - offset)
    }

    /// Hashes bytes in memory.
    init(bytes: [UInt8]) {
        self.init(md5: Insecure.MD5.hash(data: bytes), sha256: SHA256.hash(data: bytes), length: Int64(bytes.count))
    }

    private init(md5: Insecure.MD5Digest, sha256: SHA256Digest, length: Int64) {
        md5Base64 = Data(md5).base64EncodedString()
        sha256Base64 = Data(sha256).base64EncodedString()
        sha256Hex = sha256.map { byte in
            let hex = Array("0123456789abcdef")
            return String([hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
        }.joined()
        self.length = length
    }

    private static func fileError(_ text: String) -> AWSError {
        AWSError(code: .file, message: "\(text): \(String(cString: strerror(errno)))")
    }
}
