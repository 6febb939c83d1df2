import Foundation
import Testing

@testable import ThumbgenImaging

/// Deterministic test pictures shared by the resampling and quality tests.
enum TestImages {
    /// A picture with what photos have: smooth gradients, hard edges of several angles,
    /// fine texture and sensor-like noise (a fixed linear congruential sequence, so every
    /// run sees the same bytes).
    ///
    /// - Parameters:
    ///   - size: pixels.
    ///   - layout: any; alpha (when present) ramps from 0 at the left to 255 at the right,
    ///     with a fully transparent hole whose colour bytes are garbage.
    static func synthetic(_ size: PixelSize, layout: PixelLayout) -> PixelBuffer {
        var image = PixelBuffer(size: size, layout: layout)
        var seed: UInt32 = 12345
        func noise() -> Int {
            seed = seed &* 1_103_515_245 &+ 12345
            return Int((seed >> 16) & 15) - 8
        }
        let (w, h) = (size.width, size.height)
        for y in 0..<h {
            for x in 0..<w {
                var r = 40 + 150 * x / max(w - 1, 1), g = 30 + 180 * y / max(h - 1, 1), b = 120
                if (x - w / 3) * (x - w / 3) + (y - h / 2) * (y - h / 2) < (h / 4) * (h / 4) { r = 230; g = 40; b = 30 }
                if x + 2 * y > w + h / 2 && x - y < w / 3 { b = 250; g = 220 }
                if x > 3 * w / 4 && (x / 2 + y / 3) % 2 == 0 { r = 20; g = 20; b = 20 }
                let n = noise()
                let rgb = [r + n, g + n, b - n].map { UInt8(clamping: $0) }
                let p = (y * w + x) * layout.channels
                var alpha = UInt8(clamping: 255 * x / max(w - 1, 1))
                var colour = rgb
                if x > w / 8 && x < w / 4 && y > h / 8 && y < h / 4 {
                    alpha = 0
                    colour = [UInt8(truncatingIfNeeded: x * 37), UInt8(truncatingIfNeeded: y * 91), 7]
                }
                switch layout {
                case .gray: image.pixels[p] = colour[1]
                case .grayAlpha: image.pixels[p] = colour[1]; image.pixels[p + 1] = alpha
                case .rgb: image.pixels.replaceSubrange(p..<p + 3, with: colour)
                case .rgba: image.pixels.replaceSubrange(p..<p + 3, with: colour); image.pixels[p + 3] = alpha
                }
            }
        }
        return image
    }

    /// Kodak PhotoCD image 23 (parrots) scaled to 384x256, RGB (see Fixtures/README.md).
    static func kodim23() throws -> PixelBuffer {
        let url = try #require(Bundle.module.url(forResource: "kodim23_384x256", withExtension: "rgb", subdirectory: "Fixtures"))
        let bytes = [UInt8](try Data(contentsOf: url))
        try #require(bytes.count == 384 * 256 * 3)
        return PixelBuffer(size: PixelSize(width: 384, height: 256), layout: .rgb, pixels: bytes)
    }
}
