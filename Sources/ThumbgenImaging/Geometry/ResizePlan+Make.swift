extension ResizePlan {
    /// Plans a resize of an upright source of `source` pixels into `box`.
    ///
    /// All arithmetic is exact integer arithmetic; every rounding is to the nearest pixel with
    /// halves rounded up, and no output side is ever below 1 pixel.
    ///
    /// - Both sides set:
    ///   - `contain`: scale = min(boxW / srcW, boxH / srcH); output = source × scale, rounded.
    ///     The side that sets the scale lands exactly on the box (4000x3000 into 256x256 →
    ///     256x192). Without `upscale` the scale is at most 1, so output ≤ source.
    ///   - `cover`: the crop is the largest centred rectangle of the box's aspect ratio
    ///     (its free side rounded; an odd leftover pixel goes to the right or bottom), and the
    ///     output is the box exactly (4000x3000 into 256x256 → crop 3000x3000+500+0). Without
    ///     `upscale`, when that crop is smaller than the box, the output is the crop itself
    ///     (box aspect ratio at source resolution) rather than an enlargement.
    ///   - `fill`: no crop; output = box exactly, each side clamped to the source's without
    ///     `upscale`.
    /// - One side `nil`: every fit mode scales by the set side alone and the other side keeps
    ///   the source's aspect ratio (nothing to cover, fill or crop against), so all three
    ///   behave as `contain` of that side (1x10000 with height 256 → 1x256).
    ///
    /// - Parameters:
    ///   - source: size of the upright source, in pixels (each side ≥ 1).
    ///   - box: the bounding box, in pixels; at least one side set, each set side
    ///     1...``maximumBoxSide``.
    ///   - fit: how the output fills the box.
    ///   - upscale: whether the output may be larger than the source.
    /// - Returns: the crop of the source (in source pixels) and the output size (in pixels).
    /// - Throws: `ImageError` with code `.invalidOptions` when the box has no side, a side out
    ///   of range, or the source has no pixels or a side above 2^31 − 1.
    package static func make(source: PixelSize, box: ThumbnailBox, fit: FitMode, upscale: Bool) throws(ImageError) -> ResizePlan {
        try validate(source: source, box: box)
        let whole = PixelRect(x: 0, y: 0, width: source.width, height: source.height)
        let widthRatio = box.width.map { ScaleRatio(numerator: $0, denominator: source.width) }
        let heightRatio = box.height.map { ScaleRatio(numerator: $0, denominator: source.height) }

        guard let boxWidth = box.width, let boxHeight = box.height,
            let widthRatio, let heightRatio
        else {
            // One side only: validate() guarantees that one of the two ratios exists.
            let ratio = widthRatio ?? heightRatio ?? .one
            return ResizePlan(sourceCrop: whole, output: scaled(source, by: ratio, upscale: upscale))
        }

        switch fit {
        case .contain:
            let ratio = min(widthRatio, heightRatio)
            return ResizePlan(sourceCrop: whole, output: scaled(source, by: ratio, upscale: upscale))
        case .cover:
            return cover(source: source, boxWidth: boxWidth, boxHeight: boxHeight, upscale: upscale)
        case .fill:
            let output =
                upscale
                ? PixelSize(width: boxWidth, height: boxHeight)
                : PixelSize(width: min(boxWidth, source.width), height: min(boxHeight, source.height))
            return ResizePlan(sourceCrop: whole, output: output)
        }
    }

    /// `source × ratio` (ratio capped at 1 without `upscale`), each side rounded, at least 1.
    private static func scaled(_ source: PixelSize, by ratio: ScaleRatio, upscale: Bool) -> PixelSize {
        let ratio = upscale ? ratio : min(ratio, .one)
        return PixelSize(width: ratio.scale(source.width), height: ratio.scale(source.height))
    }

    /// The `cover` plan for a box with both sides set.
    private static func cover(source: PixelSize, boxWidth: Int, boxHeight: Int, upscale: Bool) -> ResizePlan {
        let (w, h) = (source.width, source.height)
        var crop: PixelRect
        if w * boxHeight > h * boxWidth {
            // Source is wider than the box: keep the full height, cut the sides.
            let width = min(w, ScaleRatio(numerator: boxWidth, denominator: boxHeight).scale(h))
            crop = PixelRect(x: (w - width) / 2, y: 0, width: width, height: h)
        } else {
            // Source is taller than (or as wide as) the box: keep the full width, cut top and bottom.
            let height = min(h, ScaleRatio(numerator: boxHeight, denominator: boxWidth).scale(w))
            crop = PixelRect(x: 0, y: (h - height) / 2, width: w, height: height)
        }
        var output = PixelSize(width: boxWidth, height: boxHeight)
        if !upscale, crop.width < boxWidth || crop.height < boxHeight {
            output = PixelSize(width: min(crop.width, boxWidth), height: min(crop.height, boxHeight))
        }
        return ResizePlan(sourceCrop: crop, output: output)
    }

    /// Checks the source has pixels and the box has at least one side, each in range.
    private static func validate(source: PixelSize, box: ThumbnailBox) throws(ImageError) {
        guard source.width > 0, source.height > 0 else {
            throw ImageError(.invalidOptions, "source size \(source) has no pixels")
        }
        // PNG's limit (2^31 − 1, PNG spec §11.2.2 IHDR); keeps the cross products in range.
        guard source.width <= Int(Int32.max), source.height <= Int(Int32.max) else {
            throw ImageError(.invalidOptions, "source size \(source) exceeds 2147483647 pixels per side")
        }
        guard box.width != nil || box.height != nil else {
            throw ImageError(.invalidOptions, "thumbnail box needs a width or a height")
        }
        for (name, side) in [("width", box.width), ("height", box.height)] {
            if let side, !(1...maximumBoxSide).contains(side) {
                throw ImageError(.invalidOptions, "thumbnail box \(name) \(side) is not 1 to \(maximumBoxSide) pixels")
            }
        }
    }
}
