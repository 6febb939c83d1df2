// OWNER: geometry/resampling helper. STUB: replace with the real implementation.

/// How the thumbnail fills its bounding box.
public enum FitMode: String, Sendable, CaseIterable {
    /// Scale to fit inside the box, keeping the aspect ratio; all of the picture stays.
    case contain
    /// Scale to cover the box, keeping the aspect ratio, then centre-crop to the box.
    case cover
    /// Stretch to the box exactly, ignoring the aspect ratio.
    case fill
}

/// An integer rectangle in pixels, origin at the top-left corner.
public struct PixelRect: Sendable, Hashable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x; self.y = y; self.width = width; self.height = height
    }
}

/// The target box of a thumbnail: a maximum width and/or height in pixels.
///
/// `--size N` is `ThumbnailBox(width: N, height: N)` (longest side N under `contain`).
/// A `nil` side is unconstrained (only meaningful for `contain`).
public struct ThumbnailBox: Sendable, Hashable {
    public var width: Int?
    public var height: Int?
    public init(width: Int?, height: Int?) {
        self.width = width
        self.height = height
    }
}

/// What to cut out of the (upright) source and what size to resample it to.
public struct ResizePlan: Sendable, Hashable {
    /// Region of the source to keep, in source pixels (the whole source unless `cover` crops).
    public var sourceCrop: PixelRect
    /// Final thumbnail size in pixels.
    public var output: PixelSize
    public init(sourceCrop: PixelRect, output: PixelSize) {
        self.sourceCrop = sourceCrop
        self.output = output
    }
}

extension ResizePlan {
    /// Plans a resize of an upright source of `source` pixels into `box`.
    ///
    /// - Throws: `ImageError` with code `.invalidOptions` when the box is empty or non-positive.
    public static func make(source: PixelSize, box: ThumbnailBox, fit: FitMode, upscale: Bool) throws(ImageError) -> ResizePlan {
        // STUB
        ResizePlan(sourceCrop: PixelRect(x: 0, y: 0, width: source.width, height: source.height), output: source)
    }
}
