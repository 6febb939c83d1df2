extension PixelBuffer {
    /// Composites straight-alpha pixels over an opaque `background` and drops the alpha.
    ///
    /// Per channel, in 8-bit sRGB values: `out = (c × a + bg × (255 − a) + 127) / 255`
    /// (Porter-Duff "over" with straight alpha, the same math browsers use on sRGB values).
    /// Gray+alpha stays gray when the background is gray (r = g = b), else becomes RGB.
    /// Buffers without alpha are returned unchanged.
    /// - Parameter background: the opaque colour behind transparent pixels.
    /// - Returns: a `.gray` or `.rgb` buffer of the same size.
    func flattened(over background: RGBColor) -> PixelBuffer {
        guard layout.hasAlpha else { return self }
        let count = size.area
        let backgroundIsGray = background.red == background.green && background.green == background.blue
        let outputLayout: PixelLayout = layout == .grayAlpha && backgroundIsGray ? .gray : .rgb
        let channels = outputLayout.channels
        let bg = [UInt32(background.red), UInt32(background.green), UInt32(background.blue)]
        let output = [UInt8](unsafeUninitializedCapacity: count * channels) { out, initialized in
            pixels.withUnsafeBufferPointer { input in
                let inChannels = layout.channels
                for index in 0..<count {
                    let base = index * inChannels
                    let alpha = UInt32(input[base + inChannels - 1])
                    let inverse = 255 - alpha
                    for channel in 0..<channels {
                        let value = UInt32(input[base + (inChannels == 2 ? 0 : channel)])
                        out[index * channels + channel] = UInt8((value * alpha + bg[channel] * inverse + 127) / 255)
                    }
                }
            }
            initialized = count * channels
        }
        return PixelBuffer(size: size, layout: outputLayout, pixels: output)
    }
}
