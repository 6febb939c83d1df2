extension DecodedImage {
    /// Decodes a picture whose header is known by letting a C decoder fill a new buffer of
    /// the header's stored size and layout, then converts it to sRGB.
    ///
    /// The shape every whole-image C decoder here shares (WebP, AVIF): one allocation of
    /// width × height × channels bytes, row-major, stride width × channels, after the pixel
    /// limit has been checked by the caller.
    /// - Parameters:
    ///   - header: the header read before (its `layout`, and its `storedSize` unless `size` is
    ///     given, decide the buffer).
    ///   - size: the size the decoder writes when it reduces on load (WebP), or nil for
    ///     `header.storedSize`.
    ///   - profile: the embedded ICC profile, or nil.
    ///   - fill: writes the pixels (buffer, stride, capacity in bytes) and returns whether it
    ///     succeeded.
    ///   - failure: the error to throw when `fill` fails.
    /// - Returns: the decoded image in stored orientation, without EXIF.
    /// - Throws: `failure()` when `fill` returns false.
    static func filled(
        header: ImageHeader, size: PixelSize? = nil, profile: [UInt8]?,
        fill: (UnsafeMutablePointer<UInt8>?, Int, Int) -> Bool,
        failure: () -> ImageError
    ) throws(ImageError) -> DecodedImage {
        let size = size ?? header.storedSize
        let stride = size.width * header.layout.channels
        let count = stride * size.height
        var succeeded = false
        let raw = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            succeeded = fill(buffer.baseAddress, stride, count)
            initialized = count
        }
        guard succeeded else { throw failure() }
        let pixels = PixelBuffer(size: size, layout: header.layout, pixels: raw)
        return DecodedImage(header: header, pixels: ColorConverter.toSRGB(pixels, profile: profile), exif: nil)
    }
}
