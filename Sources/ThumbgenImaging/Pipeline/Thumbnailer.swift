/// Makes thumbnails from encoded JPEG or PNG bytes.
///
/// Steps: sniff the format; read the header; plan the resize on the upright size (EXIF
/// orientations 5 to 8 exchange width and height); choose the JPEG DCT scale that keeps the
/// crop at least as large as the output; decode straight into that reduced buffer; convert
/// embedded ICC profiles to sRGB; orient; crop; resample (Lanczos-3); then encode. Metadata
/// and profiles are stripped unless `keepMetadata` (then EXIF is kept, see
/// `EXIF.sanitizedForThumbnail`). Same input and options always give the same bytes.
public enum Thumbnailer {
    /// Decodes `data`, orients it upright, resizes it per `options`, and encodes the result.
    ///
    /// - Parameters:
    ///   - data: the whole encoded input file.
    ///   - name: what to call the input in error messages (usually its path or key).
    ///   - options: size, fit, format and limits.
    /// - Returns: the encoded thumbnail with its size and the upright source size, in pixels.
    /// - Throws: `ImageError` naming `name` and the cause: `.empty`, `.unsupportedFormat`,
    ///   `.corrupt`, `.tooManyPixels`, `.invalidOptions` or `.encodeFailed`.
    public static func makeThumbnail(from data: [UInt8], name: String, options: ThumbnailOptions) throws(ImageError) -> Thumbnail {
        try validate(options, name: name)
        var plan = ResizePlan(sourceCrop: PixelRect(x: 0, y: 0, width: 1, height: 1), output: PixelSize(width: 1, height: 1))
        let decoded = try ImageDecoder.decode(data, name: name, maxPixels: options.maxPixels) { header throws(ImageError) in
            try header.checkPixelLimit(options.maxPixels, name: name)
            plan = try ResizePlan.make(source: header.uprightSize, box: options.box, fit: options.fit, upscale: options.upscale)
            let crop = PixelSize(width: plan.sourceCrop.width, height: plan.sourceCrop.height)
            return ShrinkOnLoad.jpegScaleNumerator(crop: crop, output: plan.output)
        }
        let header = decoded.header
        var image = decoded.pixels.oriented(header.orientation)
        let crop = ShrinkOnLoad.scale(plan.sourceCrop, from: header.uprightSize, to: image.size)
        if crop != PixelRect(x: 0, y: 0, width: image.size.width, height: image.size.height) {
            image = image.cropped(to: crop)
        }
        if image.size != plan.output { image = image.resampled(to: plan.output) }

        let format = outputFormat(options.format, input: header.format, hasAlpha: image.layout.hasAlpha)
        let encoded: [UInt8]
        switch format {
        case .png:
            encoded = try PNGCodec.encode(image, name: name)
        case .jpeg:
            let exif = options.keepMetadata ? decoded.exif.flatMap(EXIF.sanitizedForThumbnail) : nil
            encoded = try JPEGCodec.encode(image.flattened(over: options.background), quality: options.quality,
                                           progressive: options.progressive, exif: exif, name: name)
        }
        return Thumbnail(data: encoded, format: format, size: image.size, sourceSize: header.uprightSize)
    }

    /// The encoded format for `requested`: `.auto` keeps PNG input with alpha as PNG and makes
    /// everything else JPEG.
    ///
    /// - Parameters:
    ///   - requested: the option.
    ///   - input: the source format.
    ///   - hasAlpha: whether the decoded pixels carry alpha (PNG alpha channel or tRNS).
    /// - Returns: `.jpeg` or `.png`.
    public static func outputFormat(_ requested: OutputFormat, input: ImageFormat, hasAlpha: Bool) -> ImageFormat {
        switch requested {
        case .jpeg: .jpeg
        case .png: .png
        case .auto: input == .png && hasAlpha ? .png : .jpeg
        }
    }

    private static func validate(_ options: ThumbnailOptions, name: String) throws(ImageError) {
        guard (1...100).contains(options.quality) else {
            throw ImageError(.invalidOptions, "\(name): JPEG quality \(options.quality) is outside 1...100")
        }
        guard options.maxPixels > 0 else {
            throw ImageError(.invalidOptions, "\(name): maximum pixel count \(options.maxPixels) must be positive")
        }
    }
}
