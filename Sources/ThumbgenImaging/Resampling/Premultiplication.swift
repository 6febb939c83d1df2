/// Moves pixels between 8-bit rows and the resampler's working format.
///
/// The working pixel is a `SIMD4<Float>` holding the colour channels in lanes 0...2 (gray
/// uses lane 0 only) and alpha in lane 3 (0 when the layout has none), on the 0...255 scale
/// of the stored sRGB-coded values (no linearisation, as libjpeg's and libvips' default
/// shrink). With alpha the colour lanes are premultiplied, `c × a / 255`, so that a filter
/// never mixes in the colour of transparent pixels (Porter & Duff 1984; W3C Compositing
/// Level 1 §5.1 "premultiplied"), and are divided by alpha again on the way out.
enum Premultiplication {
    /// Converts `count` pixels of `layout` from `source` to working pixels in `destination`.
    ///
    /// - Parameters:
    ///   - source: `count × layout.channels` bytes.
    ///   - count: pixels, ≥ 0.
    ///   - layout: the channel layout of `source`.
    ///   - destination: room for `count` working pixels.
    static func load(
        _ source: UnsafePointer<UInt8>, count: Int, layout: PixelLayout,
        into destination: UnsafeMutablePointer<SIMD4<Float>>
    ) {
        switch layout {
        case .gray:
            for i in 0..<count {
                destination[i] = SIMD4(Float(source[i]), 0, 0, 0)
            }
        case .grayAlpha:
            for i in 0..<count {
                let a = Float(source[2 * i + 1])
                destination[i] = SIMD4(Float(source[2 * i]) * (a / 255), 0, 0, a)
            }
        case .rgb:
            // Four-byte loads (the fourth byte is the next pixel's red, masked off), except for
            // the last pixel, which may end the buffer.
            let raw = UnsafeRawPointer(source)
            let mask = SIMD4<Int32>(-1, -1, -1, 0)
            for i in 0..<max(count - 1, 0) {
                let bytes = SIMD4<Int32>(truncatingIfNeeded: raw.loadUnaligned(fromByteOffset: 3 * i, as: SIMD4<UInt8>.self))
                destination[i] = SIMD4<Float>(bytes & mask)
            }
            if count > 0 {
                let p = source + 3 * (count - 1)
                destination[count - 1] = SIMD4(Float(p[0]), Float(p[1]), Float(p[2]), 0)
            }
        case .rgba:
            let raw = UnsafeRawPointer(source)
            for i in 0..<count {
                let v = SIMD4<Float>(SIMD4<Int32>(truncatingIfNeeded: raw.loadUnaligned(fromByteOffset: 4 * i, as: SIMD4<UInt8>.self)))
                let f = v[3] / 255
                destination[i] = v * SIMD4(f, f, f, 1)
            }
        }
    }

    /// Converts `count` working pixels back to bytes of `layout`.
    ///
    /// Filter overshoot (ringing) is clamped to 0...255, premultiplied colour to 0...alpha,
    /// then values are rounded to the nearest byte. A pixel whose alpha rounds to 0 is stored
    /// as all zeros.
    ///
    /// - Parameters:
    ///   - source: `count` working pixels.
    ///   - count: pixels, ≥ 0.
    ///   - layout: the channel layout to write.
    ///   - destination: room for `count × layout.channels` bytes.
    static func store(
        _ source: UnsafePointer<SIMD4<Float>>, count: Int, layout: PixelLayout,
        into destination: UnsafeMutablePointer<UInt8>
    ) {
        switch layout {
        case .gray:
            for i in 0..<count { destination[i] = byte(source[i][0]) }
        case .rgb:
            for i in 0..<count {
                let v = source[i]
                let p = destination + 3 * i
                p[0] = byte(v[0]); p[1] = byte(v[1]); p[2] = byte(v[2])
            }
        case .grayAlpha:
            for i in 0..<count {
                let v = source[i]
                let a = min(max(v[3], 0), 255)
                let p = destination + 2 * i
                if a < 0.5 { p[0] = 0; p[1] = 0; continue }
                p[0] = byte(min(v[0], a) * (255 / a)); p[1] = byte(a)
            }
        case .rgba:
            for i in 0..<count {
                let v = source[i]
                let a = min(max(v[3], 0), 255)
                let p = destination + 4 * i
                if a < 0.5 { p[0] = 0; p[1] = 0; p[2] = 0; p[3] = 0; continue }
                let k = 255 / a
                p[0] = byte(min(v[0], a) * k); p[1] = byte(min(v[1], a) * k)
                p[2] = byte(min(v[2], a) * k); p[3] = byte(a)
            }
        }
    }

    /// `value` clamped to 0...255 and rounded to the nearest integer (halves up).
    @inline(__always)
    static func byte(_ value: Float) -> UInt8 {
        UInt8(min(max(value, 0), 255) + 0.5)
    }
}
