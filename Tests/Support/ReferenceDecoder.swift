import Foundation

/// Decodes an encoded thumbnail with the format's own reference command-line decoder, outside
/// thumbgen: libjpeg-turbo's `djpeg` (Debian `libjpeg-turbo-progs`), libwebp's `dwebp`
/// (`webp`) and libavif's `avifdec` (`libavif-bin`). Each decoder refuses bytes that are not its format, so a successful decode proves the
/// bytes are that format and decode whole. `.ci/install-test-deps` installs the three packages.
package enum ReferenceDecoder {
    /// What a decode gave: the decoder's pixel size.
    package struct Decoded: Equatable, CustomStringConvertible {
        package var width: Int
        package var height: Int
        package var description: String { "\(width)x\(height)" }
        package init(width: Int, height: Int) {
            self.width = width
            self.height = height
        }
    }

    package struct Failure: Error, CustomStringConvertible {
        package var description: String
    }

    /// The decoder for each MIME type, with its Debian package.
    static let tools: [String: (command: String, package: String)] = [
        "image/jpeg": ("djpeg", "libjpeg-turbo-progs"), "image/webp": ("dwebp", "webp"), "image/avif": ("avifdec", "libavif-bin"),
    ]

    /// Whether every reference decoder is installed (for a clear failure message, never a skip).
    package static var missing: [String] {
        tools.values.filter { !FileManager.default.isExecutableFile(atPath: "/usr/bin/\($0.command)") }.map { "\($0.command) (apt-get install \($0.package))" }
    }

    /// Decodes `bytes` as `mimeType` (`image/jpeg`, `image/webp` or `image/avif`) with its
    /// reference decoder and returns the decoded size in pixels.
    ///
    /// - Throws: ``Failure`` with the decoder's own message when it refuses the bytes, or when
    ///   the MIME type has no reference decoder here.
    package static func decode(_ bytes: [UInt8], as mimeType: String) throws -> Decoded {
        guard let tool = tools[mimeType] else { throw Failure(description: "no reference decoder for \(mimeType)") }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("thumbgen-refdec-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("in").path
        try Data(bytes).write(to: URL(fileURLWithPath: input))
        let output: String
        let arguments: [String]
        switch tool.command {
        case "djpeg": output = folder.appendingPathComponent("out.pnm").path; arguments = ["-pnm", "-outfile", output, input]
        case "dwebp": output = folder.appendingPathComponent("out.ppm").path; arguments = [input, "-ppm", "-o", output]
        default: output = folder.appendingPathComponent("out.png").path; arguments = [input, output]
        }
        let result = try BinaryRunner.run(arguments, executable: URL(fileURLWithPath: "/usr/bin/\(tool.command)"))
        guard result.status == 0, let decoded = FileManager.default.contents(atPath: output) else {
            throw Failure(description: "\(tool.command) refused the bytes (status \(result.status)): \(result.stderr.suffix(500))")
        }
        let pixels = [UInt8](decoded)
        if let size = pnmSize(pixels) ?? pngSize(pixels) { return size }
        throw Failure(description: "\(tool.command) wrote a file whose header was not understood")
    }

    /// Width and height from a binary PNM header (`P5`/`P6`, whitespace-separated fields).
    static func pnmSize(_ bytes: [UInt8]) -> Decoded? {
        guard bytes.count > 8, bytes[0] == UInt8(ascii: "P"), bytes[1] == UInt8(ascii: "5") || bytes[1] == UInt8(ascii: "6") else { return nil }
        let head = String(decoding: bytes.prefix(64), as: UTF8.self)
        let fields = head.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" })
        guard fields.count >= 3, let width = Int(fields[1]), let height = Int(fields[2]) else { return nil }
        return Decoded(width: width, height: height)
    }

    /// Width and height from a PNG's IHDR.
    static func pngSize(_ bytes: [UInt8]) -> Decoded? {
        guard bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]), bytes.count >= 24 else { return nil }
        func be32(_ i: Int) -> Int { Int(bytes[i]) << 24 | Int(bytes[i + 1]) << 16 | Int(bytes[i + 2]) << 8 | Int(bytes[i + 3]) }
        return Decoded(width: be32(16), height: be32(20))
    }
}
