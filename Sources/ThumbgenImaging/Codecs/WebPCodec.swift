import CThumbgenWebP

/// WebP decoding and encoding through libwebp 1.2 (the only Swift file importing it).
///
/// Decoding (libwebp `decode.h`/`demux.h`, RFC 9649): the container is parsed by the demuxer,
/// the canvas size checked against the pixel limit before any pixel buffer exists, then the
/// picture is decoded straight into the final buffer as RGB, or RGBA when it has alpha (with
/// dwebp's defaults: fancy upsampling, in-loop filter). An animation yields its first frame on
/// the full canvas. An ICCP profile is converted to sRGB; an EXIF chunk's Orientation is honoured
/// as in JPEG; EXIF and XMP are never copied to a thumbnail.
enum WebPCodec {
    /// libwebp's `method` for thumbnails (0 fastest ... 6 smallest).
    ///
    /// Method 4 is cwebp's default and what ``QualityMapping`` was measured with.
    static let method: Int32 = 4

    /// Reads the header, orientation and alpha without decoding pixels.
    ///
    /// - Parameters:
    ///   - data: the whole file.
    ///   - name: the input's name for messages.
    /// - Returns: the header (`layout` `.rgba` when the file has alpha or is animated, else `.rgb`).
    /// - Throws: `ImageError` `.corrupt` when the container or bitstream header is damaged.
    static func readHeader(_ data: [UInt8], name: String) throws(ImageError) -> ImageHeader {
        try withDecoder(data, name: name) { decoder throws(ImageError) in try header(decoder, name: name) }
    }

    /// Decodes the picture (an animation's first frame), converting ICC to sRGB.
    ///
    /// Shrink-on-load: with `scaleNumerator` N below 8, an opaque still picture is decoded
    /// straight to ⌈width × N / 8⌉ × ⌈height × N / 8⌉ by libwebp's rescaler (an area average, as
    /// vipsthumbnail uses it), the same sizes as JPEG's DCT scaling, so a large WebP never needs
    /// its full-size buffer (a 3.9 KB lossless file declaring 100 MP: 356 MB and 0.73 s at full
    /// size). Pictures with alpha and animations are decoded at full size, so that `.auto`
    /// sees every translucent pixel and the first frame is composed on its canvas.
    /// - Parameters:
    ///   - data: the whole file.
    ///   - name: the input's name for messages.
    ///   - maxPixels: the largest accepted canvas width × height, checked before decoding.
    ///   - scaleNumerator: 1...8, the reduction in eighths (8: full size).
    /// - Returns: RGB or RGBA pixels in stored orientation (the header keeps the full size).
    /// - Throws: `ImageError` `.corrupt` or `.tooManyPixels`.
    static func decode(_ data: [UInt8], name: String, maxPixels: Int, scaleNumerator: Int = 8) throws(ImageError) -> DecodedImage {
        try withDecoder(data, name: name) { decoder throws(ImageError) in
            let header = try header(decoder, name: name)
            try header.checkPixelLimit(maxPixels, name: name)
            var iccPointer: UnsafePointer<UInt8>?
            var iccLength = 0
            cthumbgen_webp_decoder_icc(decoder, &iccPointer, &iccLength)
            let profile = iccPointer.map { Array(UnsafeBufferPointer(start: $0, count: iccLength)) }
            let size = reducedSize(header, scaleNumerator: scaleNumerator)
            return try DecodedImage.filled(
                header: header, size: size, profile: profile,
                fill: { buffer, stride, count in
                    cthumbgen_webp_decoder_read(
                        decoder, buffer, stride, count, Int32(header.layout.channels),
                        UInt32(size.width), UInt32(size.height)) == CTHUMBGEN_WEBP_OK
                }, failure: { corrupt(decoder, name: name) })
        }
    }

    /// Encodes pixels as a lossy WebP (alpha kept, losslessly compressed), no metadata.
    ///
    /// - Parameters:
    ///   - pixels: any layout; gray is widened to RGB (WebP stores only YUV/ARGB).
    ///   - quality: libwebp's quality factor 0...100 (see ``ImageEncoder`` for the mapping).
    ///   - name: the image's name for messages.
    /// - Returns: the encoded bytes (deterministic).
    /// - Throws: `ImageError` `.encodeFailed` (for example a side above 16383 pixels).
    static func encode(_ pixels: PixelBuffer, quality: Float, name: String) throws(ImageError) -> [UInt8] {
        let color = pixels.widenedToColor()
        var output: UnsafeMutablePointer<UInt8>?
        var length = 0
        var message = [CChar](repeating: 0, count: 200)
        let status = color.pixels.withUnsafeBufferPointer { source in
            cthumbgen_webp_encode(
                source.baseAddress, UInt32(clamping: color.size.width), UInt32(clamping: color.size.height),
                Int32(color.layout.channels), color.rowStride, quality, method,
                &output, &length, &message, message.count)
        }
        guard status == CTHUMBGEN_WEBP_OK, let output else {
            let text = CMessage.text(message)
            throw ImageError(.encodeFailed, "\(name): WebP encoding failed: \(text)")
        }
        defer { cthumbgen_webp_free(output) }
        return Array(UnsafeBufferPointer(start: output, count: length))
    }

    // MARK: helpers

    /// The size `decode` writes: JPEG's scaled size (libjpeg rounds up) for an opaque still
    /// picture, the stored size otherwise.
    static func reducedSize(_ header: ImageHeader, scaleNumerator: Int) -> PixelSize {
        let numerator = min(8, max(1, scaleNumerator))
        guard numerator <= 4, header.layout == .rgb else { return header.storedSize }
        return PixelSize(
            width: max(1, (header.storedSize.width * numerator + 7) / 8),
            height: max(1, (header.storedSize.height * numerator + 7) / 8))
    }

    private static func withDecoder<T>(
        _ data: [UInt8], name: String,
        _ body: (OpaquePointer) throws(ImageError) -> T
    ) throws(ImageError) -> T {
        try data.withUnsafeBufferPointer { (bytes) throws(ImageError) -> T in
            guard let decoder = cthumbgen_webp_decoder_create(bytes.baseAddress, bytes.count) else {
                throw ImageError(.io, "\(name): out of memory creating a WebP decoder")
            }
            defer { cthumbgen_webp_decoder_destroy(decoder) }
            return try body(decoder)
        }
    }

    private static func header(_ decoder: OpaquePointer, name: String) throws(ImageError) -> ImageHeader {
        var info = cthumbgen_webp_header()
        guard cthumbgen_webp_decoder_read_header(decoder, &info) == CTHUMBGEN_WEBP_OK else {
            throw corrupt(decoder, name: name)
        }
        var icc: UnsafePointer<UInt8>?
        var iccLength = 0
        cthumbgen_webp_decoder_icc(decoder, &icc, &iccLength)
        // The EXIF chunk holds TIFF data (RFC 9649 §2.7.1.4); some writers keep JPEG's "Exif\0\0".
        var orientation = Orientation.up
        var exif: UnsafePointer<UInt8>?
        var exifLength = 0
        cthumbgen_webp_decoder_exif(decoder, &exif, &exifLength)
        if let exif, exifLength > 0 {
            let bytes = UnsafeBufferPointer(start: exif, count: exifLength)
            orientation = EXIF.orientation(inTIFF: bytes) ?? EXIF.orientation(inAPP1: bytes) ?? .up
        }
        return ImageHeader(
            format: .webp, storedSize: PixelSize(width: Int(info.width), height: Int(info.height)),
            orientation: orientation, layout: info.has_alpha != 0 ? .rgba : .rgb,
            hasICCProfile: iccLength > 0)
    }

    private static func corrupt(_ decoder: OpaquePointer, name: String) -> ImageError {
        let message = String(cString: cthumbgen_webp_decoder_message(decoder))
        return ImageError(.corrupt, "\(name): corrupt WebP data: \(message.isEmpty ? "unknown error" : message)")
    }
}
