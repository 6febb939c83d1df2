import Foundation
import Testing

@testable import ThumbgenImaging

/// Adobe CMYK and YCCK JPEGs with an embedded CMYK ICC profile (`kodim23-cmyk-icc.jpg`,
/// `kodim23-ycck-icc.jpg`) against LittleCMS's own conversion of the whole image through Pillow
/// (`Fixtures/references/make_cmyk_references.py`, which made the files, the profile and the
/// references; nothing of thumbgen's). Bound: every channel of every pixel within 2 of the
/// reference (8-bit sRGB values) and CIE76 ΔE below 1.5 everywhere; measured here: at most 1 per
/// channel and ΔE 1.04 (CMYK) / 1.07 (YCCK), a one-step rounding difference in dark pixels
/// (Debian 12 libjpeg-turbo 2.1.5 + lcms2 2.14 against Pillow 13.0's own builds of both).
@Suite struct CMYKReferenceTests {
    @Test(arguments: ["cmyk", "ycck"])
    func convertsLikeLittleCMS(space: String) throws {
        let name = "kodim23-\(space)-icc.jpg"
        let data = try CodecTestImages.fixture(name)
        let header = try ImageDecoder.readHeader(data, name: name)
        #expect(header.isCMYK)
        let ours = try CodecTestImages.decodeStored(data, name: name).pixels
        let reference = try CodecTestImages.decodeStored(try CodecTestImages.fixture("references/kodim23-\(space)-icc.littlecms.png")).pixels
        try #require(ours.size == reference.size && ours.layout == .rgb && reference.layout == .rgb)
        var worstChannel = 0
        var worstDeltaE = 0.0
        for index in stride(from: 0, to: ours.pixels.count, by: 3) {
            let a = Array(ours.pixels[index..<(index + 3)]), b = Array(reference.pixels[index..<(index + 3)])
            worstChannel = max(worstChannel, zip(a, b).map { abs(Int($0) - Int($1)) }.max() ?? 0)
            worstDeltaE = max(worstDeltaE, Self.deltaE76(a, b))
        }
        #expect(worstChannel <= 2, "\(name): largest channel difference \(worstChannel)")
        #expect(worstDeltaE < 1.5, "\(name): largest ΔE \(worstDeltaE)")

        // The profile matters: the same file without it (thumbgen's naive rule) is far from the
        // reference, so passing means the embedded profile was applied.
        let naive = try CodecTestImages.decodeStored(Self.withoutICC(data), name: name).pixels
        let naiveDifference = zip(naive.pixels, reference.pixels).map { abs(Int($0) - Int($1)) }.reduce(0, +)
        #expect(Double(naiveDifference) / Double(naive.pixels.count) > 5, "\(name): the naive conversion is as close as the profile's")
    }

    /// The JPEG with every APP2 (ICC) segment dropped.
    static func withoutICC(_ data: [UInt8]) -> [UInt8] {
        var out = Array(data.prefix(2))
        var index = 2
        while index + 4 <= data.count, data[index] == 0xFF, data[index + 1] != 0xDA {
            let length = Int(data[index + 2]) << 8 | Int(data[index + 3])
            if data[index + 1] != 0xE2 { out += data[index..<(index + 2 + length)] }
            index += 2 + length
        }
        return out + data[index...]
    }

    /// CIE76 colour difference of two 8-bit sRGB colours (IEC 61966-2-1 to XYZ, D65 white, to
    /// CIELAB).
    static func deltaE76(_ a: [UInt8], _ b: [UInt8]) -> Double {
        func lab(_ rgb: [UInt8]) -> [Double] {
            let linear = rgb.map { value -> Double in
                let v = Double(value) / 255
                return v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4)
            }
            let x = (0.4124 * linear[0] + 0.3576 * linear[1] + 0.1805 * linear[2]) / 0.95047
            let y = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
            let z = (0.0193 * linear[0] + 0.1192 * linear[1] + 0.9505 * linear[2]) / 1.08883
            func f(_ t: Double) -> Double { t > 216.0 / 24389 ? cbrt(t) : (24389.0 / 27 * t + 16) / 116 }
            return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))]
        }
        let (p, q) = (lab(a), lab(b))
        return sqrt(zip(p, q).map { ($0 - $1) * ($0 - $1) }.reduce(0, +))
    }
}
