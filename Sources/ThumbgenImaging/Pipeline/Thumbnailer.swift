/// Makes thumbnails from encoded JPEG, PNG, WebP or AVIF bytes.
///
/// Steps: sniff the format; read the header; plan the resize on the upright size (EXIF
/// orientations 5 to 8 exchange width and height); choose the JPEG DCT scale that keeps the
/// crop at least as large as the output; decode straight into that reduced buffer; convert
/// embedded ICC profiles to sRGB; orient; crop; resample (Lanczos-3); then encode. Metadata
/// and profiles are stripped unless `keepMetadata` (then EXIF is kept, see
/// `EXIF.sanitizedForThumbnail`). Same input and options always give the same bytes.
package enum Thumbnailer {
    /// Decodes `data`, orients it upright, resizes it per `options`, and encodes the result.
    ///
    /// - Parameters:
    ///   - data: the whole encoded input file.
    ///   - name: what to call the input in error messages (usually its path or key).
    ///   - options: size, fit, format and limits.
    /// - Returns: the encoded thumbnail with its size and the upright source size, in pixels.
    /// - Throws: `ImageError` naming `name` and the cause: `.empty`, `.unsupportedFormat`,
    ///   `.corrupt`, `.tooManyPixels` (source or output larger than `maxPixels`), `.invalidOptions`
    ///   or `.encodeFailed`.
    package static func makeThumbnail(from data: [UInt8], name: String, options: ThumbnailOptions) throws(ImageError) -> Thumbnail {
        let made = try makeThumbnails(from: data, name: name, options: options, formats: [options.format])
        guard let first = made.first else { throw ImageError(.encodeFailed, "\(name): no thumbnail was made") }
        return first
    }

    /// Decodes and resizes `data` once and encodes the result in each of `formats`.
    ///
    /// - Parameters:
    ///   - data: the whole encoded input file.
    ///   - name: what to call the input in error messages.
    ///   - options: size, fit, quality and limits (`options.format` is ignored).
    ///   - formats: the requested formats, in order; two that resolve to the same encoded format
    ///     (`.auto` and `.jpeg` for a photo) give one thumbnail.
    /// - Returns: one thumbnail per distinct encoded format, in the order of `formats`.
    /// - Throws: `ImageError` as ``makeThumbnail(from:name:options:)``.
    package static func makeThumbnails(
        from data: [UInt8], name: String, options: ThumbnailOptions,
        formats: [OutputFormat]
    ) throws(ImageError) -> [Thumbnail] {
        try validate(options, name: name)
        var plan = ResizePlan(sourceCrop: PixelRect(x: 0, y: 0, width: 1, height: 1), output: PixelSize(width: 1, height: 1))
        let decoded = try ImageDecoder.decode(
            data, name: name, maxPixels: options.maxPixels,
            maxDecoderMemory: options.maxDecoderMemory
        ) { header throws(ImageError) in
            try header.checkPixelLimit(options.maxPixels, name: name)
            plan = try ResizePlan.make(source: header.uprightSize, box: options.box, fit: options.fit, upscale: options.upscale)
            // The limit bounds the output too, so an upscaling box cannot demand gigabytes.
            let (area, overflow) = plan.output.width.multipliedReportingOverflow(by: plan.output.height)
            if overflow || area > options.maxPixels {
                throw ImageError(
                    .tooManyPixels,
                    "\(name): a \(plan.output) thumbnail is \(area) pixels, more than the limit of \(options.maxPixels)")
            }
            let crop = PixelSize(width: plan.sourceCrop.width, height: plan.sourceCrop.height)
            return ShrinkOnLoad.jpegScaleNumerator(crop: crop, output: plan.output)
        }
        let header = decoded.header
        // The plan was made for the full upright size; map its crop onto the reduced image (JPEG DCT
        // scaling, libwebp's rescaler).
        let reduced = decoded.pixels.size
        let reducedUpright = header.orientation.swapsDimensions ? reduced.transposed : reduced
        let reducedPlan = ResizePlan(
            sourceCrop: ShrinkOnLoad.scale(plan.sourceCrop, from: header.uprightSize, to: reducedUpright),
            output: plan.output)
        let image = apply(reducedPlan, to: decoded.pixels, orientation: header.orientation)

        // `.auto` keys on the pixels: alpha that is 255 everywhere is no transparency. PNG, AVIF
        // and WebP with alpha are never shrunk on load, so these are the source's own pixels, as
        // `autoKeepsPNG` sees them.
        let translucent = formats.contains(.auto) && header.format != .jpeg && decoded.pixels.hasTranslucentPixels
        var made: [Thumbnail] = []
        for requested in formats {
            let format = outputFormat(requested, input: header.format, hasAlpha: requested == .auto && translucent)
            if made.contains(where: { $0.format == format }) { continue }
            let exif = format == .jpeg && options.keepMetadata ? decoded.exif.flatMap { EXIF.sanitizedForThumbnail($0, pixelSize: image.size) } : nil
            let encoded = try ImageEncoder.encode(image, as: format, options: options, exif: exif, name: name)
            made.append(Thumbnail(data: encoded, format: format, size: image.size, sourceSize: header.uprightSize))
        }
        return made
    }

    /// Whether `.auto` writes `data` as PNG: a PNG, WebP or AVIF with any pixel whose alpha is
    /// below 255. For callers that must predict the thumbnail's format, such as `upload`'s
    /// thumbnail keys; it decodes the pixels, as the header alone cannot tell.
    ///
    /// - Parameters:
    ///   - data: the whole encoded file.
    ///   - name: what to call it in errors.
    ///   - maxPixels: the pixel limit, checked before decoding.
    /// - Returns: true when the thumbnail of `data` with `.auto` is PNG.
    /// - Throws: `ImageError` as ``makeThumbnail(from:name:options:)`` for the decode.
    package static func autoKeepsPNG(_ data: [UInt8], name: String, maxPixels: Int) throws(ImageError) -> Bool {
        let header = try ImageDecoder.readHeader(data, name: name)
        guard header.format != .jpeg, header.hasAlpha else { return false }
        let decoded = try ImageDecoder.decode(data, name: name, maxPixels: maxPixels) { _ throws(ImageError) in 8 }
        return decoded.pixels.hasTranslucentPixels
    }

    /// The encoded format for `requested`: `.auto` makes a source with visible alpha (PNG, WebP,
    /// AVIF) PNG and everything else JPEG.
    ///
    /// - Parameters:
    ///   - requested: the option.
    ///   - input: the source format.
    ///   - hasAlpha: whether some decoded pixel has alpha below 255 (an alpha channel or PNG tRNS).
    /// - Returns: the format to encode.
    package static func outputFormat(_ requested: OutputFormat, input: ImageFormat, hasAlpha: Bool) -> ImageFormat {
        switch requested {
        case .jpeg: .jpeg
        case .png: .png
        case .webp: .webp
        case .avif: .avif
        case .auto: input != .jpeg && hasAlpha ? .png : .jpeg
        }
    }

    /// Orients, crops and resamples stored pixels per `plan` (made for the upright size).
    ///
    /// Once the resample branch is merged this is `pixels.applying(plan, orientation:)`, which
    /// orients last (cheaper for orientations 5 to 8).
    /// Crops and resamples the stored pixels, then turns only the small result upright
    /// (the same picture as orienting first, within 1 per byte, at a fraction of the cost).
    private static func apply(_ plan: ResizePlan, to pixels: PixelBuffer, orientation: Orientation) -> PixelBuffer {
        pixels.applying(plan, orientation: orientation)
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
