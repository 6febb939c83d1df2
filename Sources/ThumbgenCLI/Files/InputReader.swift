import ThumbgenBasics
import ThumbgenImaging

#if canImport(Glibc)
import Glibc
#endif

/// Reads one resize input: a regular file whole, or a stream (`-` for standard input, a FIFO,
/// `/dev/stdin`, a character device) chunk by chunk.
///
/// A stream's size is not known in advance, so its header is checked against `--max-pixels`
/// as soon as it has arrived (before the rest is read or anything is decoded), and the stream
/// is cut off at ``maxStreamBytes``.
enum InputReader {
    /// The most bytes read from a stream: 512 MiB, above a 100-megapixel RGBA PNG stored
    /// uncompressed (400 MB).
    static let maxStreamBytes = 512 * 1024 * 1024
    /// Bytes read per `read(2)` call from a stream.
    static let chunkBytes = 65_536

    /// Reads `input` whole.
    ///
    /// - Parameters:
    ///   - input: the path, or `-` for standard input.
    ///   - name: what to call it in errors (`standard input` for `-`).
    ///   - maxPixels: the `--max-pixels` limit, checked on a stream's header.
    /// - Returns: the encoded bytes.
    /// - Throws: ``FileError`` (missing, unreadable, a stream over ``maxStreamBytes``) or
    ///   `ImageError` `.tooManyPixels` from a stream's header.
    static func read(_ input: String, name: String, maxPixels: Int) throws -> [UInt8] {
        if input == "-" { return try readStream(STDIN_FILENO, name: name, maxPixels: maxPixels) }
        var status = stat()
        guard stat(input, &status) == 0 else {
            throw errno == ENOENT ? FileError(path: name, reason: "no such file or folder") : FileError(path: name, errno: errno)
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG:
            return try FileIO.read(input)
        case S_IFDIR:
            throw FileError(path: name, reason: "is a folder")
        default:
            // A FIFO or device named on the command line is read like `cat` would: blocking.
            let descriptor = open(input, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw FileError(path: name, errno: errno) }
            defer { close(descriptor) }
            return try readStream(descriptor, name: name, maxPixels: maxPixels)
        }
    }

    /// Reads a descriptor to its end, checking the image header once it is complete.
    private static func readStream(_ descriptor: Int32, name: String, maxPixels: Int) throws -> [UInt8] {
        var bytes: [UInt8] = []
        var headerChecked = false
        // Try the header at 64 KiB, then at each doubling (EXIF can push a JPEG's SOF far in).
        var nextHeaderTry = chunkBytes
        var chunk = [UInt8](repeating: 0, count: chunkBytes)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw FileError(path: name, errno: errno)
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk.prefix(count))
            if bytes.count > maxStreamBytes {
                throw FileError(path: name, reason: "more than \(ByteCount.format(maxStreamBytes)) of input; refusing to read further")
            }
            if !headerChecked, bytes.count >= nextHeaderTry {
                headerChecked = try checkHeader(bytes, name: name, maxPixels: maxPixels)
                nextHeaderTry *= 2
            }
        }
        return bytes
    }

    /// - Returns: whether the header could be read (and was within the limit).
    /// - Throws: `ImageError` `.tooManyPixels` when it declares more than `maxPixels`.
    private static func checkHeader(_ bytes: [UInt8], name: String, maxPixels: Int) throws(ImageError) -> Bool {
        guard let header = try? ImageDecoder.readHeader(bytes, name: name) else { return false }
        try header.checkPixelLimit(maxPixels, name: name)
        return true
    }
}
