import CThumbgenAVIF

/// AVIF decoding and encoding through libavif 0.11 (the only Swift file importing it).
///
/// Decoding (libavif `avif.h` "Decode"): the boxes are parsed first (no pixel planes), the
/// image size checked against the pixel limit, then the first image is decoded by the AV1
/// decoder and converted to 8-bit RGB or RGBA exactly as `avifdec -d 8` does (8-, 10- and
/// 12-bit; monochrome becomes RGB). `irot`/`imir` become the equivalent EXIF orientation
/// (MIAF §7.3.6.7: rotation first, then mirror); a `colr` ICC profile is converted to sRGB;
/// EXIF and XMP are ignored, never copied.
enum AVIFCodec {
    /// The AV1 encoder libavif is asked for, and its speed (0 slowest ... 10 fastest).
    ///
    /// Debian 12's libavif 0.11.1 is built with aom 3.6 (enc/dec), rav1e 0.5.1 and SVT-AV1 1.4.1
    /// (enc), dav1d 1.0 and libgav1 (dec). Measured on a 256 × 192 thumbnail at quantizer 30
    /// (`hyperfine 'avifenc -j 1 -c C -s S -y 420 --min 30 --max 30 t256.png o.avif'`, process
    /// included; cwebp -q 80 -m 4 takes 10.2 ms): aom s6 41.4 ms / 4804 B, aom s8 23.9 ms /
    /// 4521 B, aom s9 16.1 ms / 4929 B, rav1e s10 25.2 ms / 7705 B, SVT s10 98.3 ms / 14623 B.
    /// At equal SSIM (`bench/formats_bench.py --modes mapping --avif-speed S`, 10 photos, JPEG
    /// q80's SSIM 0.9660) aom saves against thumbgen's JPEG: s8 36.8 %, s7 36.7 %, s6 40.4 %,
    /// s5 44.0 %, for 24 / 23 / 40 / 114 ms per 256-px thumbnail (`avifenc -s S`, process
    /// included). aom at speed 6 meets the 40 % aim at about a sixth of vipsthumbnail's AVIF
    /// time; speed 5 would cost three times as long again.
    static let encoderName = "aom"
    /// See ``encoderName``.
    static let encoderSpeed: Int32 = 6

    /// Reads the header and transform properties without decoding pixels.
    ///
    /// - Throws: `ImageError` `.corrupt` when the boxes cannot be parsed.
    static func readHeader(_ data: [UInt8], name: String) throws(ImageError) -> ImageHeader {
        try withDecoder(data, name: name) { decoder throws(ImageError) in try header(decoder, name: name) }
    }

    /// Decodes the first image at full size, converting ICC to sRGB.
    ///
    /// - Parameters:
    ///   - data: the whole file.
    ///   - name: the input's name for messages.
    ///   - maxPixels: the largest accepted width × height, checked before the AV1 decoder runs
    ///     (and passed to it as its frame-size limit).
    /// - Returns: RGB or RGBA pixels in stored orientation.
    /// - Throws: `ImageError` `.corrupt` or `.tooManyPixels`.
    static func decode(_ data: [UInt8], name: String, maxPixels: Int) throws(ImageError) -> DecodedImage {
        try withDecoder(data, name: name) { decoder throws(ImageError) in
            let header = try header(decoder, name: name)
            try header.checkPixelLimit(maxPixels, name: name)
            var iccPointer: UnsafePointer<UInt8>?
            var iccLength = 0
            cthumbgen_avif_decoder_icc(decoder, &iccPointer, &iccLength)
            let profile = iccPointer.map { Array(UnsafeBufferPointer(start: $0, count: iccLength)) }
            return try DecodedImage.filled(
                header: header, profile: profile,
                fill: { buffer, stride, count in
                    cthumbgen_avif_decoder_read(
                        decoder, buffer, stride, count, Int32(header.layout.channels),
                        UInt32(clamping: maxPixels)) == CTHUMBGEN_AVIF_OK
                }, failure: { corrupt(decoder, name: name) })
        }
    }

    /// Encodes pixels as an AVIF still image (alpha kept), no metadata.
    ///
    /// - Parameters:
    ///   - pixels: any layout; gray is widened to RGB.
    ///   - quantizer: AV1 quantizer 0 (best) ... 63 (see ``ImageEncoder`` for the mapping).
    ///   - name: the image's name for messages.
    /// - Returns: the encoded bytes.
    /// - Throws: `ImageError` `.encodeFailed`.
    static func encode(_ pixels: PixelBuffer, quantizer: Int, name: String) throws(ImageError) -> [UInt8] {
        let color = pixels.widenedToColor()
        var output: UnsafeMutablePointer<UInt8>?
        var length = 0
        var message = [CChar](repeating: 0, count: 200)
        let status = color.pixels.withUnsafeBufferPointer { source in
            cthumbgen_avif_encode(
                source.baseAddress, UInt32(clamping: color.size.width), UInt32(clamping: color.size.height),
                Int32(color.layout.channels), color.rowStride, Int32(quantizer), encoderSpeed,
                encoderName, &output, &length, &message, message.count)
        }
        guard status == CTHUMBGEN_AVIF_OK, let output else {
            let text = CMessage.text(message)
            throw ImageError(.encodeFailed, "\(name): AVIF encoding failed: \(text)")
        }
        defer { cthumbgen_avif_free(output) }
        return Array(UnsafeBufferPointer(start: output, count: length))
    }

    /// The EXIF orientation equivalent to `irot` (anti-clockwise quarter turns) followed by
    /// `imir` (0: top/bottom exchanged, 1: left/right exchanged; -1 absent), per MIAF's order.
    ///
    /// - Parameters:
    ///   - rotation: 0...3.
    ///   - mirror: -1, 0 or 1.
    /// - Returns: the orientation that turns the stored pixels upright.
    static func orientation(rotation: Int, mirror: Int) -> Orientation {
        // Rows: rotation 0, 90° ccw, 180°, 270° ccw (= 90° cw). Columns: none, imir 0, imir 1.
        let table: [[Orientation]] = [
            [.up, .downMirrored, .upMirrored],
            [.left, .leftMirrored, .rightMirrored],
            [.down, .upMirrored, .downMirrored],
            [.right, .rightMirrored, .leftMirrored],
        ]
        return table[rotation & 3][mirror < 0 ? 0 : mirror == 0 ? 1 : 2]
    }

    // MARK: helpers

    private static func withDecoder<T>(
        _ data: [UInt8], name: String,
        _ body: (OpaquePointer) throws(ImageError) -> T
    ) throws(ImageError) -> T {
        try data.withUnsafeBufferPointer { (bytes) throws(ImageError) -> T in
            guard let decoder = cthumbgen_avif_decoder_create(bytes.baseAddress, bytes.count) else {
                if let reason = cthumbgen_avif_load_error() { throw ImageError(.io, "\(name): \(String(cString: reason))") }
                throw ImageError(.io, "\(name): out of memory creating an AVIF decoder")
            }
            defer { cthumbgen_avif_decoder_destroy(decoder) }
            return try body(decoder)
        }
    }

    private static func header(_ decoder: OpaquePointer, name: String) throws(ImageError) -> ImageHeader {
        var info = cthumbgen_avif_header()
        guard cthumbgen_avif_decoder_read_header(decoder, &info) == CTHUMBGEN_AVIF_OK else {
            throw corrupt(decoder, name: name)
        }
        var icc: UnsafePointer<UInt8>?
        var iccLength = 0
        cthumbgen_avif_decoder_icc(decoder, &icc, &iccLength)
        return ImageHeader(
            format: .avif, storedSize: PixelSize(width: Int(info.width), height: Int(info.height)),
            orientation: orientation(rotation: Int(info.rotation), mirror: Int(info.mirror)),
            layout: info.has_alpha != 0 ? .rgba : .rgb, hasICCProfile: iccLength > 0)
    }

    private static func corrupt(_ decoder: OpaquePointer, name: String) -> ImageError {
        let message = String(cString: cthumbgen_avif_decoder_message(decoder))
        return ImageError(.corrupt, "\(name): corrupt AVIF data: \(message.isEmpty ? "unknown error" : message)")
    }
}
