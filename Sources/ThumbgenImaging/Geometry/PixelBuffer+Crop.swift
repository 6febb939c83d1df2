extension PixelBuffer {
    /// The pixels inside `rect`, copied exactly.
    ///
    /// Never traps: `rect` is first intersected with the buffer's bounds, so a rectangle that
    /// reaches outside keeps only its inside part, and one entirely outside (or with a
    /// non-positive side) gives a buffer with no pixels (a 0 side). A rectangle equal to the
    /// bounds returns `self` without copying.
    ///
    /// - Parameter rect: the region to keep, in this buffer's pixels (normally inside it, as
    ///   ``ResizePlan/sourceCrop`` always is).
    /// - Returns: a buffer of the same layout and the clamped rectangle's size.
    package func cropped(to rect: PixelRect) -> PixelBuffer {
        let left = min(max(rect.x, 0), size.width)
        let top = min(max(rect.y, 0), size.height)
        let right = max(left, min(rect.x &+ max(rect.width, 0), size.width))
        let bottom = max(top, min(rect.y &+ max(rect.height, 0), size.height))
        if left == 0, top == 0, right == size.width, bottom == size.height { return self }
        let outSize = PixelSize(width: right - left, height: bottom - top)
        var result = PixelBuffer(size: outSize, layout: layout)
        let rowBytes = outSize.width * layout.channels
        if rowBytes == 0 || outSize.height == 0 { return result }
        let stride = rowStride
        pixels.withUnsafeBufferPointer { src in
            result.pixels.withUnsafeMutableBufferPointer { dst in
                guard let srcBase = src.baseAddress, let dstBase = dst.baseAddress else { return }
                for row in 0..<outSize.height {
                    (dstBase + row * rowBytes).update(
                        from: srcBase + (top + row) * stride + left * layout.channels, count: rowBytes)
                }
            }
        }
        return result
    }
}
