extension PixelBuffer {
    /// The same picture with colour channels: gray becomes RGB and gray+alpha RGBA (each gray
    /// value copied to R, G and B); RGB and RGBA are returned unchanged.
    ///
    /// For encoders that store only colour (WebP, AVIF).
    func widenedToColor() -> PixelBuffer {
        guard layout == .gray || layout == .grayAlpha else { return self }
        let hasAlpha = layout == .grayAlpha
        let target: PixelLayout = hasAlpha ? .rgba : .rgb
        var out = [UInt8](repeating: 0, count: size.area * target.channels)
        var source = 0
        var index = 0
        for _ in 0..<size.area {
            let value = pixels[source]
            out[index] = value
            out[index + 1] = value
            out[index + 2] = value
            if hasAlpha { out[index + 3] = pixels[source + 1] }
            source += layout.channels
            index += target.channels
        }
        return PixelBuffer(size: size, layout: target, pixels: out)
    }
}
