import CThumbgenJPEG

/// JPEG decoding and encoding through libjpeg-turbo (the only Swift file importing it).
///
/// Decoding follows libjpeg.txt "Decompression details": read the header (keeping only the
/// EXIF APP1 and ICC APP2 segments, bounded; at most 100 scans, see `CThumbgenJPEG`), check the pixel limit, choose `scale_num/8`, `jpeg_start_decompress`, and
/// read scanlines straight into the final buffer. Errors and the warnings that mean truncated
/// or damaged data arrive as ``ImageError/Code/corrupt`` (see `CThumbgenJPEG/shim.c`).
enum JPEGCodec {
    /// Reads the header and EXIF orientation without decoding pixels.
    ///
    /// - Parameters:
    ///   - data: the whole file.
    ///   - name: the input's name for messages.
    /// - Returns: the header.
    /// - Throws: `ImageError` `.corrupt` when the markers cannot be read.
    static func readHeader(_ data: [UInt8], name: String) throws(ImageError) -> ImageHeader {
        try withDecoder(data, name: name) { decoder throws(ImageError) in
            try header(decoder, name: name).header
        }
    }

    /// Decodes at the scale chosen by `scale` from the header, converting to sRGB.
    ///
    /// - Parameters:
    ///   - data: the whole file.
    ///   - name: the input's name for messages.
    ///   - maxPixels: the largest accepted stored width × height, checked before decoding.
    ///   - maxMemory: the most libjpeg may allocate for whole-image buffers, in bytes (the
    ///     coefficients of progressive and multi-scan files); 0 for no limit.
    ///   - scale: returns the DCT scale numerator (1...8, over 8) for the header.
    /// - Returns: pixels in stored orientation, gray or RGB, plus the EXIF payload.
    /// - Throws: `ImageError` `.corrupt`, `.tooManyPixels` (pixels or memory) or `.unsupportedFormat`.
    static func decode(
        _ data: [UInt8], name: String, maxPixels: Int, maxMemory: Int,
        scale: (ImageHeader) throws(ImageError) -> Int
    ) throws(ImageError) -> DecodedImage {
        try withDecoder(data, name: name) { decoder throws(ImageError) in
            let (header, info) = try header(decoder, name: name)
            try header.checkPixelLimit(maxPixels, name: name)
            if info.color_space == CTHUMBGEN_JPEG_CS_UNKNOWN {
                throw ImageError(.unsupportedFormat, "\(name): JPEG with \(info.components) colour components is not supported")
            }
            var exif: [UInt8]?
            var exifPointer: UnsafePointer<UInt8>?
            var exifLength = 0
            cthumbgen_jpeg_decoder_exif(decoder, &exifPointer, &exifLength)
            if let exifPointer, exifLength > 0 { exif = Array(UnsafeBufferPointer(start: exifPointer, count: exifLength)) }
            var profile: [UInt8]?
            var iccPointer: UnsafePointer<UInt8>?
            var iccLength = 0
            if cthumbgen_jpeg_decoder_icc(decoder, &iccPointer, &iccLength) == CTHUMBGEN_JPEG_OK,
                let iccPointer, iccLength > 0
            {
                profile = Array(UnsafeBufferPointer(start: iccPointer, count: iccLength))
            }

            let scaleNumerator = min(8, max(1, try scale(header)))
            var width: Int32 = 0, height: Int32 = 0, channels: Int32 = 0
            switch cthumbgen_jpeg_decoder_start(decoder, Int32(scaleNumerator), max(0, maxMemory), &width, &height, &channels) {
            case CTHUMBGEN_JPEG_OK: break
            case CTHUMBGEN_JPEG_MEMORY:
                throw ImageError(
                    .tooManyPixels,
                    "\(name): decoding this \(header.storedSize) "
                        + "\(header.isProgressive ? "progressive " : "")JPEG needs more than the memory limit of \(maxMemory) bytes")
            case CTHUMBGEN_JPEG_SCANS: throw tooManyScans(decoder, name: name)
            default: throw corrupt(decoder, name: name)
            }
            let size = PixelSize(width: Int(width), height: Int(height))
            let stride = size.width * Int(channels)
            let count = stride * size.height
            var status = CTHUMBGEN_JPEG_OK
            let raw = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
                status = cthumbgen_jpeg_decoder_read(decoder, buffer.baseAddress, stride, count)
                initialized = count
            }
            if status == CTHUMBGEN_JPEG_SCANS { throw tooManyScans(decoder, name: name) }
            guard status == CTHUMBGEN_JPEG_OK else { throw corrupt(decoder, name: name) }

            let pixels: PixelBuffer
            switch channels {
            case 1: pixels = ColorConverter.toSRGB(PixelBuffer(size: size, layout: .gray, pixels: raw), profile: profile)
            case 3: pixels = ColorConverter.toSRGB(PixelBuffer(size: size, layout: .rgb, pixels: raw), profile: profile)
            default: pixels = ColorConverter.cmykToSRGB(raw, size: size, inverted: info.saw_adobe != 0, profile: profile)
            }
            return DecodedImage(header: header, pixels: pixels, exif: exif)
        }
    }

    /// Encodes gray or RGB pixels as a JFIF JPEG.
    ///
    /// Optimized Huffman tables always; chroma 4:2:0 below quality 90, else 4:4:4
    /// (libjpeg.txt "Special color spaces" / `jpeg_set_defaults`); progressive by
    /// `jpeg_simple_progression`. Deterministic: no timestamps, density unit 0.
    /// - Parameters:
    ///   - pixels: a `.gray` or `.rgb` buffer.
    ///   - quality: 1...100 (clamped).
    ///   - progressive: write a progressive JPEG.
    ///   - exif: an APP1 payload ("Exif\0\0" + TIFF, ≤ 65533 bytes) to embed, or nil.
    ///   - name: the input's name for messages.
    /// - Returns: the encoded bytes.
    /// - Throws: `ImageError` `.encodeFailed`.
    static func encode(
        _ pixels: PixelBuffer, quality: Int, progressive: Bool, exif: [UInt8]?,
        name: String
    ) throws(ImageError) -> [UInt8] {
        guard pixels.layout == .gray || pixels.layout == .rgb else {
            throw ImageError(.encodeFailed, "\(name): JPEG cannot store \(pixels.layout) pixels")
        }
        let clamped = min(100, max(1, quality))
        var output: UnsafeMutablePointer<UInt8>?
        var length = 0
        var message = [CChar](repeating: 0, count: 200)
        let exifBytes = exif ?? []
        let status = pixels.pixels.withUnsafeBufferPointer { source in
            exifBytes.withUnsafeBufferPointer { exifBuffer in
                cthumbgen_jpeg_encode(
                    source.baseAddress, Int32(clamping: pixels.size.width), Int32(clamping: pixels.size.height),
                    Int32(pixels.layout.channels), pixels.rowStride, Int32(clamped),
                    progressive ? 1 : 0, clamped < 90 ? 1 : 0,
                    exifBuffer.baseAddress, exifBuffer.count, &output, &length,
                    &message, message.count)
            }
        }
        guard status == CTHUMBGEN_JPEG_OK, let output else {
            throw ImageError(.encodeFailed, "\(name): JPEG encoding failed: \(CMessage.text(message))")
        }
        defer { cthumbgen_jpeg_free(output) }
        return Array(UnsafeBufferPointer(start: output, count: length))
    }

    // MARK: helpers

    private static func withDecoder<T>(
        _ data: [UInt8], name: String,
        _ body: (OpaquePointer) throws(ImageError) -> T
    ) throws(ImageError) -> T {
        try data.withUnsafeBufferPointer { (bytes) throws(ImageError) -> T in
            guard let decoder = cthumbgen_jpeg_decoder_create(bytes.baseAddress, bytes.count) else {
                throw ImageError(.io, "\(name): out of memory creating a JPEG decoder")
            }
            defer { cthumbgen_jpeg_decoder_destroy(decoder) }
            return try body(decoder)
        }
    }

    private static func header(_ decoder: OpaquePointer, name: String) throws(ImageError) -> (header: ImageHeader, info: cthumbgen_jpeg_header) {
        var info = cthumbgen_jpeg_header()
        guard cthumbgen_jpeg_decoder_read_header(decoder, &info) == CTHUMBGEN_JPEG_OK else {
            throw corrupt(decoder, name: name)
        }
        var orientation = Orientation.up
        var exifPointer: UnsafePointer<UInt8>?
        var exifLength = 0
        cthumbgen_jpeg_decoder_exif(decoder, &exifPointer, &exifLength)
        if let exifPointer, exifLength > 0 {
            orientation = EXIF.orientation(inAPP1: UnsafeBufferPointer(start: exifPointer, count: exifLength)) ?? .up
        }
        var icc: UnsafePointer<UInt8>?
        var iccLength = 0
        let hasICC = cthumbgen_jpeg_decoder_icc(decoder, &icc, &iccLength) == CTHUMBGEN_JPEG_OK && iccLength > 0
        let isCMYK = info.color_space == CTHUMBGEN_JPEG_CS_CMYK || info.color_space == CTHUMBGEN_JPEG_CS_YCCK
        let header = ImageHeader(
            format: .jpeg, storedSize: PixelSize(width: Int(info.width), height: Int(info.height)),
            orientation: orientation, layout: info.color_space == CTHUMBGEN_JPEG_CS_GRAY ? .gray : .rgb,
            hasICCProfile: hasICC, isProgressive: info.progressive != 0, isCMYK: isCMYK)
        return (header, info)
    }

    private static func corrupt(_ decoder: OpaquePointer, name: String) -> ImageError {
        var message = String(cString: cthumbgen_jpeg_decoder_message(decoder))
        // libjpeg's damaged-data warnings start with what the prefix below already says (jerror.h,
        // e.g. JWRN_HUFF_BAD_CODE "Corrupt JPEG data: bad Huffman code").
        let libjpegPrefix = "Corrupt JPEG data: "
        if message.hasPrefix(libjpegPrefix) { message.removeFirst(libjpegPrefix.count) }
        return ImageError(.corrupt, "\(name): corrupt JPEG data: \(message.isEmpty ? "unknown error" : message)")
    }

    /// A file past `CTHUMBGEN_JPEG_MAX_SCANS` (see `CThumbgenJPEG/shim.c`, "scan limit").
    private static func tooManyScans(_ decoder: OpaquePointer, name: String) -> ImageError {
        ImageError(.corrupt, "\(name): JPEG refused: \(String(cString: cthumbgen_jpeg_decoder_message(decoder)))")
    }
}
