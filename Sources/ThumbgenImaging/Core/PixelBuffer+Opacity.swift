extension PixelBuffer {
    /// Whether any pixel's alpha is below 255: the transparency `--format auto` keeps as PNG.
    ///
    /// An RGBA or grey+alpha buffer whose alpha is 255 everywhere (a common export of opaque
    /// pictures) answers false, like a layout without alpha.
    /// - Returns: true when the layout has alpha and some alpha byte is not 255.
    package var hasTranslucentPixels: Bool {
        guard layout.hasAlpha else { return false }
        let channels = layout.channels
        return pixels.withUnsafeBufferPointer { buffer in
            var index = channels - 1
            while index < buffer.count {
                if buffer[index] != 255 { return true }
                index += channels
            }
            return false
        }
    }
}
