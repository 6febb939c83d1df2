import Foundation
import Testing

@testable import ThumbgenImaging

/// Loading fixtures and the shared corpus, and comparing pixels.
enum CodecTestImages {
    /// Bytes of `Fixtures/NAME` from the test bundle.
    static func fixture(_ name: String) throws -> [UInt8] {
        let url = try #require(
            Bundle.module.url(forResource: "Fixtures/" + name, withExtension: nil),
            "missing fixture \(name)")
        return [UInt8](try Data(contentsOf: url))
    }

    /// The shared corpus root from `THUMBGEN_CORPUS`, or nil when unset.
    static var corpusRoot: URL? {
        guard let path = ProcessInfo.processInfo.environment["THUMBGEN_CORPUS"], !path.isEmpty else { return nil }
        return URL(fileURLWithPath: path)
    }

    /// Whether the corpus is available (for `.enabled(if:)`).
    static var hasCorpus: Bool { corpusRoot != nil }

    /// Bytes of `RELATIVE` inside the corpus.
    static func corpus(_ relative: String) throws -> [UInt8] {
        let root = try #require(corpusRoot, "THUMBGEN_CORPUS is not set")
        return [UInt8](try Data(contentsOf: root.appendingPathComponent(relative)))
    }

    /// File names in a corpus folder, sorted (empty when the corpus is unset).
    static func corpusFiles(_ folder: String) -> [String] {
        guard let root = corpusRoot,
            let names = try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)
        else { return [] }
        return names.sorted()
    }

    /// Mean absolute difference per sample between two buffers of the same shape, 0...255.
    static func meanAbsoluteDifference(_ a: PixelBuffer, _ b: PixelBuffer) -> Double {
        guard a.size == b.size, a.layout == b.layout, !a.pixels.isEmpty else { return 255 }
        var total = 0
        for index in a.pixels.indices { total += abs(Int(a.pixels[index]) - Int(b.pixels[index])) }
        return Double(total) / Double(a.pixels.count)
    }

    /// Peak signal-to-noise ratio in dB between two buffers of the same shape (∞ when equal).
    static func psnr(_ a: PixelBuffer, _ b: PixelBuffer) -> Double {
        guard a.size == b.size, a.layout == b.layout, !a.pixels.isEmpty else { return 0 }
        var squared = 0.0
        for index in a.pixels.indices {
            let d = Double(Int(a.pixels[index]) - Int(b.pixels[index]))
            squared += d * d
        }
        let mse = squared / Double(a.pixels.count)
        return mse == 0 ? .infinity : 10 * log10(255 * 255 / mse)
    }

    /// The pixel at (x, y) as an array of its channels.
    static func pixel(_ buffer: PixelBuffer, _ x: Int, _ y: Int) -> [UInt8] {
        let start = (y * buffer.size.width + x) * buffer.layout.channels
        return Array(buffer.pixels[start..<(start + buffer.layout.channels)])
    }

    /// Decodes with the stored orientation (no `oriented(_:)`), full size.
    static func decodeStored(_ data: [UInt8], name: String = "test") throws -> DecodedImage {
        try ImageDecoder.decode(data, name: name, maxPixels: 100_000_000) { _ throws(ImageError) in 8 }
    }
}

extension CodecTestImages {
    /// Averages `factor` × `factor` blocks (dropping partial edge blocks): compares the low
    /// frequencies of two images while forgiving aliasing differences between resampling paths.
    static func blockAverage(_ buffer: PixelBuffer, _ factor: Int) -> PixelBuffer {
        let size = PixelSize(width: buffer.size.width / factor, height: buffer.size.height / factor)
        let channels = buffer.layout.channels
        var output = [UInt8](repeating: 0, count: size.area * channels)
        for y in 0..<size.height {
            for x in 0..<size.width {
                for channel in 0..<channels {
                    var sum = 0
                    for dy in 0..<factor {
                        for dx in 0..<factor {
                            sum += Int(buffer.pixels[((y * factor + dy) * buffer.size.width + x * factor + dx) * channels + channel])
                        }
                    }
                    output[(y * size.width + x) * channels + channel] = UInt8(sum / (factor * factor))
                }
            }
        }
        return PixelBuffer(size: size, layout: buffer.layout, pixels: output)
    }
}
