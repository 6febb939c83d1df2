extension PixelBuffer {
    /// Resamples to `size` with a Lanczos-3 filter, in premultiplied alpha when there is alpha.
    ///
    /// - Parameter size: target size in pixels (each side ≥ 1).
    /// - Returns: a buffer of the same layout and the given size.
    public func resampled(to size: PixelSize) -> PixelBuffer {
        PixelBuffer(size: size, layout: layout) // STUB
    }
}
