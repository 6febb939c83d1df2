import CThumbgenPNG

/// PNG decoding and encoding through libpng 1.6 (the only Swift file importing it).
///
/// Decoding (libpng manual §III "Reading PNG files", PNG spec §11.2.2 IHDR) turns every valid
/// PNG into 8-bit gray, gray+alpha, RGB or RGBA: bit depths below 8 are expanded, palettes
/// become RGB, tRNS becomes an alpha channel, 16-bit samples are scaled with
/// `png_set_scale_16` (correct rounding, v × 255 / 65535), and Adam7 is de-interlaced.
/// gAMA and cHRM are not applied; an iCCP profile is converted to sRGB (see ``ColorConverter``);
/// an eXIf Orientation is honoured like JPEG's.
enum PNGCodec {
    /// zlib level for thumbnails, with adaptive filtering (all five PNG filters).
    ///
    /// Measured on a 256 × 192 RGBA photo thumbnail: level 3 gives 74 KB in ~9 ms, level 6
    /// 70 KB in ~27 ms, level 9 69 KB in ~83 ms, level 1 76 KB in ~6 ms; filter None costs
    /// 15-25 % more bytes at every level. Level 3 is the speed/size knee.
    static let compressionLevel: Int32 = 3

    /// The widest row libpng may buffer while decoding, in bytes: 64 MiB.
    ///
    /// libpng keeps two rows of the file (the current and the previous, for the filters) at the
    /// widest intermediate depth, allocated by `png_read_update_info` before any pixel arrives;
    /// a 65-byte N × 1 16-bit RGBA file would otherwise make it allocate 16 × N bytes. 64 MiB
    /// is a row of 8 M 16-bit RGBA pixels or 64 M 8-bit gray pixels, far wider than any
    /// photograph, and keeps those buffers at 128 MiB at most.
    static let maxRowBytes = 64 << 20

    /// Reads the header without decoding pixels.
    ///
    /// - Parameters:
    ///   - data: the whole file.
    ///   - name: the input's name for messages.
    /// - Returns: the header (orientation always `.up`).
    /// - Throws: `ImageError` `.corrupt` when the chunks before IDAT cannot be read.
    static func readHeader(_ data: [UInt8], name: String) throws(ImageError) -> ImageHeader {
        try withDecoder(data, name: name) { decoder throws(ImageError) in try header(decoder, name: name, maxPixels: 0) }
    }

    /// Decodes the whole image at full size, converting an iCCP profile to sRGB.
    ///
    /// - Parameters:
    ///   - data: the whole file.
    ///   - name: the input's name for messages.
    ///   - maxPixels: the largest accepted width × height, checked before decoding.
    /// - Returns: the pixels in the header's layout.
    /// - Throws: `ImageError` `.corrupt`, or `.tooManyPixels` when the IHDR declares more than
    ///   `maxPixels` or a row wider than ``maxRowBytes`` (checked before libpng allocates anything).
    static func decode(_ data: [UInt8], name: String, maxPixels: Int) throws(ImageError) -> DecodedImage {
        try withDecoder(data, name: name) { decoder throws(ImageError) in
            let header = try header(decoder, name: name, maxPixels: max(1, maxPixels))
            try header.checkPixelLimit(maxPixels, name: name)
            guard cthumbgen_png_decoder_prepare(decoder) == CTHUMBGEN_PNG_OK else { throw corrupt(decoder, name: name) }
            var profile: [UInt8]?
            var iccPointer: UnsafePointer<UInt8>?
            var iccLength = 0
            if cthumbgen_png_decoder_icc(decoder, &iccPointer, &iccLength) == CTHUMBGEN_PNG_OK, let iccPointer, iccLength > 0 {
                profile = Array(UnsafeBufferPointer(start: iccPointer, count: iccLength))
            }
            let stride = header.storedSize.width * header.layout.channels
            let count = stride * header.storedSize.height
            var status = CTHUMBGEN_PNG_OK
            let raw = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
                status = cthumbgen_png_decoder_read(decoder, buffer.baseAddress, stride, count)
                initialized = count
            }
            guard status == CTHUMBGEN_PNG_OK else { throw corrupt(decoder, name: name) }
            let pixels = PixelBuffer(size: header.storedSize, layout: header.layout, pixels: raw)
            return DecodedImage(header: header, pixels: ColorConverter.toSRGB(pixels, profile: profile), exif: nil)
        }
    }

    /// Encodes 8-bit pixels of any layout as a PNG with an sRGB chunk and nothing else optional.
    ///
    /// - Parameters:
    ///   - pixels: the buffer to encode.
    ///   - name: the input's name for messages.
    /// - Returns: the encoded bytes (deterministic: no tIME, no text).
    /// - Throws: `ImageError` `.encodeFailed`.
    static func encode(_ pixels: PixelBuffer, name: String) throws(ImageError) -> [UInt8] {
        var output: UnsafeMutablePointer<UInt8>?
        var length = 0
        var message = [CChar](repeating: 0, count: 200)
        let status = pixels.pixels.withUnsafeBufferPointer { source in
            cthumbgen_png_encode(
                source.baseAddress, UInt32(clamping: pixels.size.width), UInt32(clamping: pixels.size.height),
                Int32(pixels.layout.channels), pixels.rowStride, compressionLevel, 1,
                &output, &length, &message, message.count)
        }
        guard status == CTHUMBGEN_PNG_OK, let output else {
            let text = CMessage.text(message)
            throw ImageError(.encodeFailed, "\(name): PNG encoding failed: \(text)")
        }
        defer { cthumbgen_png_free(output) }
        return Array(UnsafeBufferPointer(start: output, count: length))
    }

    // MARK: helpers

    private static func withDecoder<T>(
        _ data: [UInt8], name: String,
        _ body: (OpaquePointer) throws(ImageError) -> T
    ) throws(ImageError) -> T {
        try data.withUnsafeBufferPointer { (bytes) throws(ImageError) -> T in
            guard let decoder = cthumbgen_png_decoder_create(bytes.baseAddress, bytes.count) else {
                throw ImageError(.io, "\(name): out of memory creating a PNG decoder")
            }
            defer { cthumbgen_png_decoder_destroy(decoder) }
            return try body(decoder)
        }
    }

    /// Reads the chunks before IDAT; `maxPixels` 0 checks no limit (header only: nothing is allocated).
    private static func header(_ decoder: OpaquePointer, name: String, maxPixels: Int) throws(ImageError) -> ImageHeader {
        var info = cthumbgen_png_header()
        let rowLimit = maxPixels == 0 ? 0 : UInt64(maxRowBytes)
        switch cthumbgen_png_decoder_read_header(decoder, &info, UInt64(maxPixels), rowLimit) {
        case CTHUMBGEN_PNG_OK: break
        case CTHUMBGEN_PNG_LIMIT:
            throw ImageError(.tooManyPixels, "\(name): \(String(cString: cthumbgen_png_decoder_message(decoder)))")
        default: throw corrupt(decoder, name: name)
        }
        guard let layout = PixelLayout(rawValue: Int(info.channels)) else {
            throw ImageError(.unsupportedFormat, "\(name): PNG decodes to \(info.channels) channels")
        }
        var icc: UnsafePointer<UInt8>?
        var iccLength = 0
        let hasICC = cthumbgen_png_decoder_icc(decoder, &icc, &iccLength) == CTHUMBGEN_PNG_OK && iccLength > 0
        // eXIf (PNG 1.5 extensions §3.7, read when it precedes IDAT): the Orientation applies
        // as for JPEG, as browsers do.
        var orientation = Orientation.up
        var exif: UnsafePointer<UInt8>?
        var exifLength = 0
        if cthumbgen_png_decoder_exif(decoder, &exif, &exifLength) == CTHUMBGEN_PNG_OK, let exif, exifLength > 0 {
            orientation = EXIF.orientation(inTIFF: UnsafeBufferPointer(start: exif, count: exifLength)) ?? .up
        }
        return ImageHeader(
            format: .png, storedSize: PixelSize(width: Int(info.width), height: Int(info.height)),
            orientation: orientation, layout: layout, hasICCProfile: hasICC)
    }

    private static func corrupt(_ decoder: OpaquePointer, name: String) -> ImageError {
        let message = String(cString: cthumbgen_png_decoder_message(decoder))
        return ImageError(.corrupt, "\(name): corrupt PNG data: \(message.isEmpty ? "unknown error" : message)")
    }
}
