#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Full-reference image quality measures for tests and benchmarks.
package enum ImageQuality {
    /// Peak signal-to-noise ratio over every byte (all channels, alpha included).
    ///
    /// PSNR = 10 · log10(255² / MSE), in decibels.
    ///
    /// - Returns: dB; `+infinity` for identical buffers; `nil` when size or layout differ or
    ///   the buffers have no pixels.
    package static func psnr(_ a: PixelBuffer, _ b: PixelBuffer) -> Double? {
        guard a.size == b.size, a.layout == b.layout, !a.pixels.isEmpty else { return nil }
        var squares = 0
        for i in a.pixels.indices {
            let d = Int(a.pixels[i]) - Int(b.pixels[i])
            squares += d * d
        }
        if squares == 0 { return .infinity }
        let mse = Double(squares) / Double(a.pixels.count)
        return 10 * log10(255 * 255 / mse)
    }

    /// Mean structural similarity (SSIM) of the two images' luma.
    ///
    /// Wang, Bovik, Sheikh & Simoncelli, "Image Quality Assessment: From Error Visibility to
    /// Structural Similarity", IEEE TIP 13(4), 2004, as in their reference `ssim_index.m`:
    /// an 11×11 Gaussian window with σ = 1.5, only windows fully inside the image ("valid"),
    /// K1 = 0.01, K2 = 0.03, L = 255, and no automatic downsampling. Luma is the Rec. 601
    /// weighting 0.299 R + 0.587 G + 0.114 B (the gray channel as it is); alpha is ignored.
    /// An image smaller than 11 pixels on a side uses a window of that side (truncated
    /// Gaussian, renormalised).
    ///
    /// - Returns: SSIM in −1...1 (1 for identical images); `nil` when size or layout differ or
    ///   the buffers have no pixels.
    package static func ssim(_ a: PixelBuffer, _ b: PixelBuffer) -> Double? {
        guard a.size == b.size, a.layout == b.layout, a.size.area > 0 else { return nil }
        let x = luma(a), y = luma(b)
        let (w, h) = (a.size.width, a.size.height)
        let window = min(11, w, h)
        let kernel = gaussian(size: window, sigma: 1.5)
        let xx = zip(x, x).map(*), yy = zip(y, y).map(*), xy = zip(x, y).map(*)
        let mx = filterValid(x, w, h, kernel), my = filterValid(y, w, h, kernel)
        let sxx = filterValid(xx, w, h, kernel), syy = filterValid(yy, w, h, kernel)
        let sxy = filterValid(xy, w, h, kernel)
        let c1 = (0.01 * 255) * (0.01 * 255), c2 = (0.03 * 255) * (0.03 * 255)
        var total = 0.0
        for i in mx.indices {
            let (ux, uy) = (mx[i], my[i])
            let vx = sxx[i] - ux * ux, vy = syy[i] - uy * uy, cov = sxy[i] - ux * uy
            total += ((2 * ux * uy + c1) * (2 * cov + c2)) / ((ux * ux + uy * uy + c1) * (vx + vy + c2))
        }
        return total / Double(mx.count)
    }

    /// Rec. 601 luma of every pixel, row-major, on the 0...255 scale.
    static func luma(_ image: PixelBuffer) -> [Double] {
        let n = image.layout.channels
        return (0..<image.size.area).map { i in
            let p = i * n
            if n < 3 { return Double(image.pixels[p]) }
            return 0.299 * Double(image.pixels[p]) + 0.587 * Double(image.pixels[p + 1])
                + 0.114 * Double(image.pixels[p + 2])
        }
    }

    /// A normalised 1D Gaussian of `size` taps (the 2D window is its outer product).
    static func gaussian(size: Int, sigma: Double) -> [Double] {
        let centre = Double(size - 1) / 2
        let taps = (0..<size).map { exp(-(Double($0) - centre) * (Double($0) - centre) / (2 * sigma * sigma)) }
        let sum = taps.reduce(0, +)
        return taps.map { $0 / sum }
    }

    /// Separable filtering keeping only positions where the window lies inside the image.
    ///
    /// - Returns: `(w − k + 1) × (h − k + 1)` values, row-major.
    static func filterValid(_ values: [Double], _ w: Int, _ h: Int, _ kernel: [Double]) -> [Double] {
        let k = kernel.count
        let (ow, oh) = (w - k + 1, h - k + 1)
        var rows = [Double](repeating: 0, count: ow * h)
        for y in 0..<h {
            for x in 0..<ow {
                var s = 0.0
                for t in 0..<k { s += kernel[t] * values[y * w + x + t] }
                rows[y * ow + x] = s
            }
        }
        var out = [Double](repeating: 0, count: ow * oh)
        for y in 0..<oh {
            for x in 0..<ow {
                var s = 0.0
                for t in 0..<k { s += kernel[t] * rows[(y + t) * ow + x] }
                out[y * ow + x] = s
            }
        }
        return out
    }
}
