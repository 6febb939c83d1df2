import ThumbgenAWS
import ThumbgenImaging

/// One thumbnail made for an original, with the key it is (or will be) stored under.
package struct MadeThumbnail: Sendable {
    /// The configured size: longest side in pixels.
    package var size: Int
    /// The key in the thumbnails bucket (``ThumbnailKey`` scheme: `thumbnails/<size>/<original key>.<ext>`).
    package var key: String
    /// The encoded thumbnail.
    package var thumbnail: Thumbnail
}

/// Makes the configured thumbnail sizes of one original and stores them. Everything is
/// made in memory first, so a corrupt original writes nothing; storing the same thumbnails
/// twice gives the same objects (Lambda may deliver an event twice).
package struct ThumbnailMaker: Sendable {
    /// The settings (sizes, format, quality, limits, buckets).
    package let configuration: ServiceConfiguration

    /// Creates a maker.
    package init(configuration: ServiceConfiguration) { self.configuration = configuration }

    /// Makes every configured size of `original`, in every configured format (sizes outer,
    /// formats inner; a format two entries resolve to, as `auto` and `jpeg` for a photo, once).
    ///
    /// - Parameters:
    ///   - original: The original file's bytes.
    ///   - originalKey: Its key, for the thumbnail keys.
    ///   - subject: What to call it in messages, e.g. `s3://photos/cat.jpg`.
    /// - Returns: The thumbnails, in configured size order.
    /// - Throws: ``ServiceError`` `.unsupportedMediaType` (not JPEG/PNG), `.corruptImage`,
    ///   `.payloadTooLarge` (over `THUMBGEN_MAX_PIXELS`), `.badRequest` (empty).
    package func make(from original: [UInt8], originalKey: String, subject: String) throws(ServiceError) -> [MadeThumbnail] {
        var made: [MadeThumbnail] = []
        for size in configuration.sizes {
            var options = ThumbnailOptions()
            options.box = ThumbnailBox(width: size, height: size)
            options.fit = .contain
            options.quality = configuration.quality
            options.maxPixels = configuration.maxPixels
            let thumbnails: [Thumbnail]
            do {
                thumbnails = try Thumbnailer.makeThumbnails(
                    from: original, name: subject, options: options,
                    formats: configuration.formats)
            } catch {
                throw Self.serviceError(error)
            }
            for thumbnail in thumbnails {
                let format = ThumbnailKeyFormat(thumbnail.format)
                made.append(
                    MadeThumbnail(
                        size: size, key: ThumbnailKey.thumbnailKey(originalKey: originalKey, size: size, format: format),
                        thumbnail: thumbnail))
            }
        }
        return made
    }

    /// Stores `thumbnails` in the thumbnails bucket with their `Content-Type` and the
    /// configured `Cache-Control`.
    ///
    /// - Throws: ``ServiceError`` `.storage` from `store`.
    package func store(_ thumbnails: [MadeThumbnail], in store: any ObjectStore) throws(ServiceError) {
        for made in thumbnails {
            try store.put(
                bucket: configuration.thumbnailsBucket, key: made.key, bytes: made.thumbnail.data,
                contentType: made.thumbnail.format.mimeType, cacheControl: configuration.cacheControl)
        }
    }

    /// The ``ServiceError`` for an imaging failure (its message already names the subject).
    static func serviceError(_ error: ImageError) -> ServiceError {
        let code: ServiceError.Code =
            switch error.code {
            case .empty: .badRequest
            case .unsupportedFormat: .unsupportedMediaType
            case .corrupt: .corruptImage
            case .tooManyPixels: .payloadTooLarge
            case .invalidOptions: .invalidConfiguration
            case .encodeFailed, .io: .internal
            }
        return ServiceError(code, error.message, underlying: error)
    }
}
