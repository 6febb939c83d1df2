/// Entry point for encoding pixels (what ``Thumbnailer`` does last; also for tools that make
/// reference images).
package enum ImageEncoder {
    /// Encodes `pixels` as JPEG, PNG, WebP or AVIF with the encoding-related `options`.
    ///
    /// JPEG: quality `options.quality` (4:2:0 below 90, 4:4:4 from 90), optimized Huffman
    /// tables, progressive when `options.progressive`, JFIF header; alpha is composited over
    /// `options.background` (gray+alpha over a gray background stays gray); `exif`, when given,
    /// is written as APP1. PNG: zlib level 3 with adaptive filters, alpha kept, an sRGB chunk,
    /// no other optional chunks. WebP (lossy, libwebp method 4) and AVIF (AV1 via libavif, see
    /// ``AVIFCodec``): alpha kept, no metadata, `options.quality` mapped by ``QualityMapping`` so
    /// that the same number gives about the same SSIM as JPEG. Same input, same bytes.
    /// - Parameters:
    ///   - pixels: 8-bit pixels in any layout (sRGB).
    ///   - format: the output format.
    ///   - options: quality, progressive and background are used; the rest is ignored.
    ///   - exif: an APP1 payload ("Exif\0\0" + TIFF, at most 65533 bytes) for JPEG, or nil.
    ///   - name: what to call the image in error messages.
    /// - Returns: the encoded file.
    /// - Throws: `ImageError` `.invalidOptions` for a quality outside 1...100, `.encodeFailed`.
    package static func encode(
        _ pixels: PixelBuffer, as format: ImageFormat, options: ThumbnailOptions = ThumbnailOptions(),
        exif: [UInt8]? = nil, name: String
    ) throws(ImageError) -> [UInt8] {
        guard (1...100).contains(options.quality) else {
            throw ImageError(.invalidOptions, "\(name): JPEG quality \(options.quality) is outside 1...100")
        }
        switch format {
        case .png:
            return try PNGCodec.encode(pixels, name: name)
        case .jpeg:
            return try JPEGCodec.encode(
                pixels.flattened(over: options.background), quality: options.quality,
                progressive: options.progressive, exif: exif, name: name)
        case .webp:
            return try WebPCodec.encode(pixels, quality: QualityMapping.webpQuality(options.quality), name: name)
        case .avif:
            return try AVIFCodec.encode(pixels, quantizer: QualityMapping.avifQuantizer(options.quality), name: name)
        }
    }
}
