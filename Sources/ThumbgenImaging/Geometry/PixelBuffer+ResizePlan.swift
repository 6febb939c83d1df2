extension PixelBuffer {
    /// Makes the picture that `plan` describes from this stored (not yet upright) picture.
    ///
    /// Crops and resamples in the stored orientation and orients only the small result, which
    /// is far cheaper than orienting the whole source first (a 12 MP rotation costs tens of
    /// milliseconds; a 256 px thumbnail's, tens of microseconds). The result equals
    /// `oriented(orientation).cropped(to: plan.sourceCrop).resampled(to: plan.output)`
    /// up to ±1 per byte (the two separable passes run in the other order for 5 to 8).
    ///
    /// - Parameters:
    ///   - plan: made by ``ResizePlan/make(source:box:fit:upscale:)`` for the UPRIGHT size
    ///     (`size.transposed` when `orientation.swapsDimensions`).
    ///   - orientation: the stored picture's EXIF orientation.
    /// - Returns: the upright thumbnail, `plan.output` pixels, same layout.
    package func applying(_ plan: ResizePlan, orientation: Orientation = .up) -> PixelBuffer {
        let uprightSize = orientation.swapsDimensions ? size.transposed : size
        let crop = orientation.storedRect(for: plan.sourceCrop, storedSize: size)
        let cropped =
            plan.sourceCrop == PixelRect(x: 0, y: 0, width: uprightSize.width, height: uprightSize.height)
            ? self : cropped(to: crop)
        let output = orientation.swapsDimensions ? plan.output.transposed : plan.output
        return cropped.resampled(to: output).oriented(orientation)
    }
}
