/// Entry points for reading image files: cheap headers, and full decodes.
///
/// All functions take the whole encoded file and a `name` used in error messages
/// ("NAME: cause"). Formats are recognised by magic number (``ImageFormat/sniff(_:)``).
package enum ImageDecoder {
    /// Reads size, format, orientation and alpha without decoding any pixels.
    ///
    /// - Parameters:
    ///   - data: the whole encoded file.
    ///   - name: what to call the input in error messages.
    /// - Returns: the header; `uprightSize` already accounts for the EXIF orientation.
    /// - Throws: `ImageError` `.empty`, `.unsupportedFormat` or `.corrupt`.
    package static func readHeader(_ data: [UInt8], name: String) throws(ImageError) -> ImageHeader {
        switch try format(of: data, name: name) {
        case .jpeg: try JPEGCodec.readHeader(data, name: name)
        case .png: try PNGCodec.readHeader(data, name: name)
        case .webp: try WebPCodec.readHeader(data, name: name)
        case .avif: try AVIFCodec.readHeader(data, name: name)
        }
    }

    /// Decodes at full resolution (no shrink-on-load), upright and in sRGB.
    ///
    /// This is the reference path for tests and benchmarks: CMYK becomes RGB, embedded ICC
    /// profiles are applied, the EXIF orientation is applied with ``PixelBuffer/oriented(_:)``.
    /// - Parameters:
    ///   - data: the whole encoded file.
    ///   - name: what to call the input in error messages.
    ///   - maxPixels: the largest accepted width × height in pixels, checked before decoding.
    ///   - maxDecoderMemory: the most libjpeg may hold for whole-image coefficient buffers
    ///     (progressive JPEG), in bytes; 0 for no limit.
    /// - Returns: gray, grayAlpha, rgb or rgba pixels of the upright size.
    /// - Throws: `ImageError` `.empty`, `.unsupportedFormat`, `.corrupt` or `.tooManyPixels`.
    package static func decodeUpright(
        _ data: [UInt8], name: String, maxPixels: Int = 100_000_000,
        maxDecoderMemory: Int = 0
    ) throws(ImageError) -> PixelBuffer {
        let decoded = try decode(data, name: name, maxPixels: maxPixels, maxDecoderMemory: maxDecoderMemory) {
            _ throws(ImageError) in 8
        }
        return decoded.pixels.oriented(decoded.header.orientation)
    }

    /// Decodes in stored orientation, letting `scale` pick the shrink-on-load scale from the header.
    ///
    /// - Parameters:
    ///   - data: the whole encoded file.
    ///   - name: what to call the input in error messages.
    ///   - maxPixels: the largest accepted width × height in pixels.
    ///   - maxDecoderMemory: libjpeg's limit for whole-image buffers, in bytes (0 = none).
    ///   - scale: the scale numerator over 8 (1...8) for a header: JPEG's DCT scaling, and
    ///     libwebp's rescaler for an opaque still WebP; ignored for PNG and AVIF (but still
    ///     called, so callers can plan from the header).
    /// - Throws: `ImageError` as for ``decodeUpright(_:name:maxPixels:)``, or what `scale` throws.
    static func decode(
        _ data: [UInt8], name: String, maxPixels: Int, maxDecoderMemory: Int = 0,
        scale: (ImageHeader) throws(ImageError) -> Int
    ) throws(ImageError) -> DecodedImage {
        switch try format(of: data, name: name) {
        case .jpeg:
            return try JPEGCodec.decode(data, name: name, maxPixels: maxPixels, maxMemory: maxDecoderMemory, scale: scale)
        case .png:
            // PNG has no shrink-on-load; the header is read again by the decoder (cheap).
            _ = try scale(try PNGCodec.readHeader(data, name: name))
            return try PNGCodec.decode(data, name: name, maxPixels: maxPixels)
        case .webp:
            let numerator = try scale(try WebPCodec.readHeader(data, name: name))
            return try WebPCodec.decode(data, name: name, maxPixels: maxPixels, scaleNumerator: numerator)
        case .avif:
            _ = try scale(try AVIFCodec.readHeader(data, name: name))
            return try AVIFCodec.decode(data, name: name, maxPixels: maxPixels)
        }
    }

    /// Recognises the format or explains why not.
    ///
    /// - Throws: `.empty` for zero bytes; `.corrupt` for a PNG whose 8-byte signature starts
    ///   right (`89 50 4E 47`) but is damaged, as by a text-mode CR/LF conversion (PNG spec
    ///   §5.2); `.unsupportedFormat` otherwise, naming the first bytes in hex.
    static func format(of data: [UInt8], name: String) throws(ImageError) -> ImageFormat {
        guard !data.isEmpty else { throw ImageError(.empty, "\(name): empty file (0 bytes)") }
        if let format = ImageFormat.sniff(data) { return format }
        if data.starts(with: [0x89, 0x50, 0x4E, 0x47]) {
            throw ImageError(.corrupt, "\(name): corrupt PNG data: damaged signature (starts with \(hex(data.prefix(8))))")
        }
        throw ImageError(.unsupportedFormat, "\(name): not a JPEG, PNG, WebP or AVIF file (starts with \(hex(data.prefix(4))))")
    }

    /// Bytes as upper-case hex pairs separated by spaces, e.g. `3C 68 74 6D`: the one hex style
    /// of every message (resize, upload, the function).
    package static func hex(_ bytes: some Collection<UInt8>) -> String {
        let digits: [Character] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "A", "B", "C", "D", "E", "F"]
        return bytes.map { String([digits[Int($0 >> 4)], digits[Int($0 & 0x0F)]]) }.joined(separator: " ")
    }
}
