#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The Lanczos-3 windowed-sinc kernel.
///
/// L(x) = sinc(x) · sinc(x / a) for |x| < a, and 0 elsewhere, with a = 3 and
/// sinc(x) = sin(πx) / (πx), sinc(0) = 1 (Duchon, "Lanczos Filtering in One and Two
/// Dimensions", J. Appl. Meteorology 18, 1979; the same definition as ImageMagick's and
/// libvips' `lanczos3`).
enum LanczosKernel {
    /// The lobe count `a`: the kernel is non-zero on (−3, 3), in source pixels at scale 1.
    static let radius = 3.0

    /// L(x) for a distance `x` in (scaled) source pixels.
    static func weight(_ x: Double) -> Double {
        let x = abs(x)
        if x < 1e-12 { return 1 }
        if x >= radius { return 0 }
        let px = Double.pi * x
        return radius * sin(px) * sin(px / radius) / (px * px)
    }
}
