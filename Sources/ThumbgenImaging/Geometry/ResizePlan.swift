/// What to cut out of the (upright) source and what size to resample it to.
///
/// Made by ``make(source:box:fit:upscale:)``; the pipeline crops the upright source to
/// `sourceCrop` (a no-op unless `cover` crops), then resamples the crop to `output`.
package struct ResizePlan: Sendable, Hashable {
    /// Region of the source to keep, in source pixels (the whole source unless `cover` crops).
    package var sourceCrop: PixelRect
    /// Final thumbnail size in pixels (each side ≥ 1).
    package var output: PixelSize

    /// Wraps a crop and an output size, both in pixels.
    package init(sourceCrop: PixelRect, output: PixelSize) {
        self.sourceCrop = sourceCrop
        self.output = output
    }

    /// Largest accepted box side, in pixels: JPEG's limit (65500) rounded up to 16 bits,
    /// which also keeps every product in ``make(source:box:fit:upscale:)`` far from overflow.
    package static let maximumBoxSide = 65_535

    /// Whether the plan neither crops nor scales `source` (the pipeline can skip resampling).
    package func isIdentity(for source: PixelSize) -> Bool {
        sourceCrop == PixelRect(x: 0, y: 0, width: source.width, height: source.height) && output == source
    }
}

/// An exact non-negative scale factor `numerator / denominator`, compared by cross-multiplying
/// so that the plan never depends on floating-point rounding.
struct ScaleRatio: Comparable {
    var numerator: Int
    var denominator: Int

    static let one = ScaleRatio(numerator: 1, denominator: 1)

    static func < (lhs: ScaleRatio, rhs: ScaleRatio) -> Bool {
        lhs.numerator * rhs.denominator < rhs.numerator * lhs.denominator
    }

    static func == (lhs: ScaleRatio, rhs: ScaleRatio) -> Bool {
        lhs.numerator * rhs.denominator == rhs.numerator * lhs.denominator
    }

    /// `length × self`, rounded half up to a whole pixel, and at least 1.
    func scale(_ length: Int) -> Int {
        max(1, Self.roundedQuotient(length * numerator, denominator))
    }

    /// `a / b` rounded to the nearest integer, halves up (`a ≥ 0`, `b > 0`).
    static func roundedQuotient(_ a: Int, _ b: Int) -> Int {
        (2 * a + b) / (2 * b)
    }
}
