import Crypto
import Foundation

@testable import ThumbgenImaging

/// Turning decoded pixels into the byte layouts reference decoders write, and digesting them.
enum ReferencePixels {
    /// The pixels as 8-bit RGBA (gray copied to R, G and B; alpha 255 where there is none).
    static func rgba(_ buffer: PixelBuffer) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(buffer.size.area * 4)
        let channels = buffer.layout.channels
        for index in stride(from: 0, to: buffer.pixels.count, by: channels) {
            switch buffer.layout {
            case .gray: out += [buffer.pixels[index], buffer.pixels[index], buffer.pixels[index], 255]
            case .grayAlpha: out += [buffer.pixels[index], buffer.pixels[index], buffer.pixels[index], buffer.pixels[index + 1]]
            case .rgb: out += [buffer.pixels[index], buffer.pixels[index + 1], buffer.pixels[index + 2], 255]
            case .rgba: out += buffer.pixels[index..<(index + 4)]
            }
        }
        return out
    }

    /// The file `dwebp -pam` writes for these pixels (netpbm PAM, RGB_ALPHA, 8-bit).
    static func pam(_ buffer: PixelBuffer) -> [UInt8] {
        let header = "P7\nWIDTH \(buffer.size.width)\nHEIGHT \(buffer.size.height)\nDEPTH 4\nMAXVAL 255\nTUPLTYPE RGB_ALPHA\nENDHDR\n"
        return Array(header.utf8) + rgba(buffer)
    }

    /// The file `dwebp -ppm` writes for these pixels (binary PPM, RGB, 8-bit; alpha dropped).
    static func ppm(_ buffer: PixelBuffer) -> [UInt8] {
        let rgba = rgba(buffer)
        var rgb = [UInt8]()
        rgb.reserveCapacity(buffer.size.area * 3)
        for index in stride(from: 0, to: rgba.count, by: 4) { rgb += rgba[index..<(index + 3)] }
        return Array("P6\n\(buffer.size.width) \(buffer.size.height)\n255\n".utf8) + rgb
    }

    /// Lower-case hex MD5 of `bytes` (the digest libwebp's test data and our fixture scripts use).
    static func md5(_ bytes: [UInt8]) -> String {
        Insecure.MD5.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    /// The rows of a tab-separated fixture under `Fixtures/`, header line dropped; rows whose
    /// field count is not `columns` are skipped. Empty when the fixture is missing.
    static func tsvRows(_ fixture: String, columns: Int) -> [[String]] {
        guard let bytes = try? CodecTestImages.fixture(fixture) else { return [] }
        return String(decoding: bytes, as: UTF8.self).split(separator: "\n").dropFirst()
            .map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
            .filter { $0.count == columns }
    }

    /// Lines "DIGEST  NAME" (md5sum's format) as NAME → DIGEST.
    static func md5sums(_ text: String) -> [String: String] {
        var sums: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            if parts.count == 2 { sums[String(parts[1])] = String(parts[0]) }
        }
        return sums
    }
}
