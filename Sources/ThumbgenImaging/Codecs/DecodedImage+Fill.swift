extension DecodedImage {
    /// Decodes a picture whose header is known by letting a C decoder fill a new buffer of
    /// the header's stored size and layout, then converts it to sRGB.
    ///
    /// The shape every whole-image C decoder here shares (WebP, AVIF): one allocation of
    /// width × height × channels bytes, row-major, stride width × channels, after the pixel
    /// limit has been checked by the caller.
    /// - Parameters:
    ///   - header: the header read before (its `storedSize` and `layout` decide the buffer).
    ///   - profile: the embedded ICC profile, or nil.
    ///   - fill: writes the pixels (buffer, stride, capacity in bytes) and returns whether it
    ///     succeeded.
    ///   - failure: the error to throw when `fill` fails.
    /// - Returns: the decoded image in stored orientation, without EXIF.
    /// - Throws: `failure()` when `fill` returns false.
    static func filled(
        header: ImageHeader, profile: [UInt8]?,
        fill: (UnsafeMutablePointer<UInt8>?, Int, Int) -> Bool,
        failure: () -> ImageError
    ) throws(ImageError) -> DecodedImage {
        let stride = header.storedSize.width * header.layout.channels
        let count = stride * header.storedSize.height
        var succeeded = false
        let raw = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            succeeded = fill(buffer.baseAddress, stride, count)
            initialized = count
        }
        guard succeeded else { throw failure() }
        let pixels = PixelBuffer(size: header.storedSize, layout: header.layout, pixels: raw)
        return DecodedImage(header: header, pixels: ColorConverter.toSRGB(pixels, profile: profile), exif: nil)
    }
}
