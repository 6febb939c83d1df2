/// A slow, double-precision Lanczos-3 resampler that tests and benchmarks measure
/// ``PixelBuffer/resampled(to:)`` against.
///
/// Same definition as the fast path — sample centres at `(i + 0.5) × scale − 0.5`, kernel
/// stretched by the reduction factor when shrinking, clamped edges, filtering on the stored
/// (sRGB-coded) values, premultiplied alpha — but computed directly in 2D: every output pixel
/// is Σ L(dx)·L(dy)·pixel / Σ L(dx)·L(dy) over its whole window, in `Double`, with no
/// precomputed tables, no separable passes and no `Float` intermediate.
package enum ReferenceResampler {
    /// Resamples `image` to `size` (each side ≥ 1; a source with no pixels gives zeros).
    ///
    /// - Parameters:
    ///   - image: any layout.
    ///   - size: target size in pixels.
    /// - Returns: the same layout at `size`, clamped to 0...255 and rounded as the fast path.
    package static func resample(_ image: PixelBuffer, to size: PixelSize) -> PixelBuffer {
        var result = PixelBuffer(size: PixelSize(width: max(size.width, 0), height: max(size.height, 0)), layout: image.layout)
        let (sw, sh) = (image.size.width, image.size.height)
        guard sw > 0, sh > 0, result.size.area > 0 else { return result }
        let channels = image.layout.channels
        let alpha = image.layout.hasAlpha ? channels - 1 : nil
        let (scaleX, scaleY) = (Double(sw) / Double(size.width), Double(sh) / Double(size.height))
        let (filterX, filterY) = (max(scaleX, 1), max(scaleY, 1))
        let radius = LanczosKernel.radius
        var sum = [Double](repeating: 0, count: channels)
        for oy in 0..<size.height {
            let cy = (Double(oy) + 0.5) * scaleY - 0.5
            let rows = Int((cy - radius * filterY).rounded(.up))...Int((cy + radius * filterY).rounded(.down))
            for ox in 0..<size.width {
                let cx = (Double(ox) + 0.5) * scaleX - 0.5
                let columns = Int((cx - radius * filterX).rounded(.up))...Int((cx + radius * filterX).rounded(.down))
                for c in 0..<channels { sum[c] = 0 }
                var total = 0.0
                for j in rows {
                    let wy = LanczosKernel.weight((Double(j) - cy) / filterY)
                    let row = min(max(j, 0), sh - 1) * sw
                    for i in columns {
                        let w = wy * LanczosKernel.weight((Double(i) - cx) / filterX)
                        let p = (row + min(max(i, 0), sw - 1)) * channels
                        let a = alpha.map { Double(image.pixels[p + $0]) / 255 } ?? 1
                        for c in 0..<channels {
                            let v = Double(image.pixels[p + c])
                            sum[c] += w * (c == alpha ? v : v * a)
                        }
                        total += w
                    }
                }
                let out = (oy * size.width + ox) * channels
                let a = alpha.map { min(max(sum[$0] / total, 0), 255) }
                for c in 0..<channels {
                    var v = sum[c] / total
                    if let a {
                        // All zeros when alpha rounds to 0; otherwise divide colour by alpha.
                        if a < 0.5 { v = 0 } else if c != alpha { v = min(max(v, 0), a) * 255 / a }
                    }
                    result.pixels[out + c] = UInt8(min(max(v, 0), 255) + 0.5)
                }
            }
        }
        return result
    }
}
