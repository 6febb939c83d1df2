/// What an image file declares before any pixel is decoded.
///
/// Produced by ``ImageDecoder/readHeader(_:name:)`` from the JPEG markers up to the first SOS
/// or the PNG chunks up to the first IDAT; reading it allocates no pixel memory.
package struct ImageHeader: Sendable, Hashable {
    /// The container format.
    package var format: ImageFormat
    /// Dimensions as stored in the file, in pixels (before the EXIF orientation is applied).
    package var storedSize: PixelSize
    /// The EXIF orientation (tag 0x0112 in JPEG APP1 or PNG eXIf); `.up` when absent or invalid.
    package var orientation: Orientation
    /// Channel layout the decoder produces (gray, grayAlpha, rgb or rgba; CMYK becomes rgb).
    package var layout: PixelLayout
    /// Whether the file carries an embedded ICC profile (JPEG APP2 or PNG iCCP).
    package var hasICCProfile: Bool
    /// JPEG only: the data is progressive (SOF2/SOF6/SOF10).
    package var isProgressive: Bool
    /// JPEG only: the data is CMYK or YCCK (4 components).
    package var isCMYK: Bool

    /// Memberwise initializer.
    package init(
        format: ImageFormat, storedSize: PixelSize, orientation: Orientation, layout: PixelLayout,
        hasICCProfile: Bool, isProgressive: Bool = false, isCMYK: Bool = false
    ) {
        self.format = format
        self.storedSize = storedSize
        self.orientation = orientation
        self.layout = layout
        self.hasICCProfile = hasICCProfile
        self.isProgressive = isProgressive
        self.isCMYK = isCMYK
    }

    /// Dimensions once the orientation is applied, in pixels (width and height exchanged for
    /// orientations 5 to 8).
    package var uprightSize: PixelSize { orientation.swapsDimensions ? storedSize.transposed : storedSize }

    /// Whether decoded pixels carry an alpha channel (PNG alpha or tRNS).
    package var hasAlpha: Bool { layout.hasAlpha }

    /// Throws `.tooManyPixels` when `storedSize.area` exceeds `maxPixels`.
    ///
    /// Called by every decoder right after the header and before any pixel buffer exists.
    /// - Parameters:
    ///   - maxPixels: the largest accepted width × height, in pixels.
    ///   - name: the input's name for the message.
    /// - Throws: `ImageError` `.tooManyPixels`.
    package func checkPixelLimit(_ maxPixels: Int, name: String) throws(ImageError) {
        let (area, overflow) = storedSize.width.multipliedReportingOverflow(by: storedSize.height)
        if overflow || area > maxPixels {
            throw ImageError(
                .tooManyPixels,
                "\(name): \(storedSize) is \(area) pixels, more than the limit of \(maxPixels)")
        }
    }
}

/// A decoded picture in stored orientation, already converted to sRGB.
struct DecodedImage: Sendable {
    /// The header read before decoding.
    var header: ImageHeader
    /// The pixels as stored (not yet oriented), possibly reduced by JPEG DCT scaling.
    var pixels: PixelBuffer
    /// The raw APP1 EXIF payload ("Exif\0\0" + TIFF), JPEG only.
    var exif: [UInt8]?
}
