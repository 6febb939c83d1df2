import ThumbgenImaging

/// The thumbnail function's settings, read once per process from the environment variables
/// that `infra/function.tf` sets.
///
/// | Variable | Meaning | Default |
/// |---|---|---|
/// | `THUMBGEN_ORIGINALS_BUCKET` | bucket of originals (S3 trigger source, upload target) | required |
/// | `THUMBGEN_THUMBNAILS_BUCKET` | bucket thumbnails are written to; must differ | required |
/// | `THUMBGEN_SIZES` | longest sides in pixels, comma separated, e.g. `128,256,512` | `256` |
/// | `THUMBGEN_FORMAT` | `auto`, `jpeg`, `png`, `webp` or `avif` | `auto` |
/// | `THUMBGEN_FORMATS` | several of those, comma separated, e.g. `jpeg,webp,avif`: one thumbnail per size and format (overrides `THUMBGEN_FORMAT`) | `THUMBGEN_FORMAT` |
/// | `THUMBGEN_QUALITY` | JPEG quality 1...100 | `80` |
/// | `THUMBGEN_MAX_PIXELS` | largest source accepted, width × height | `100000000` |
/// | `THUMBGEN_URL_EXPIRES` | presigned URL validity, seconds (1...604800) | `900` |
/// | `THUMBGEN_CORS_ORIGIN` | `Access-Control-Allow-Origin` value (one origin, or `*`); empty: no CORS headers, only the API's own origin (the page it serves) may call it from a browser | empty |
package struct ServiceConfiguration: Sendable, Hashable {
    /// The bucket of originals.
    package var originalsBucket: String
    /// The bucket thumbnails go to; never the originals bucket.
    package var thumbnailsBucket: String
    /// Thumbnail sizes: longest side in pixels, in the configured order, without duplicates.
    package var sizes: [Int]
    /// The first output format (``formats``' first element).
    package var format: OutputFormat { formats[0] }
    /// The output formats, in the configured order, without duplicates, never empty: each size
    /// is written once per format.
    package var formats: [OutputFormat]
    /// JPEG quality, 1...100.
    package var quality: Int
    /// Largest accepted source in pixels.
    package var maxPixels: Int
    /// Presigned URL validity in seconds.
    package var urlExpiresSeconds: Int
    /// The `Access-Control-Allow-Origin` value; empty (the default) sends no CORS headers, so
    /// browsers let only pages of the API's own origin read its answers.
    package var corsOrigin: String
    /// The `Cache-Control` stored with each thumbnail (the key changes with the original's
    /// key, but an original can be re-uploaded under the same key, so not `immutable`).
    package var cacheControl = "public, max-age=86400"
    /// Largest image body accepted by `POST /thumbnails`, in bytes: a synchronous Lambda
    /// request payload is limited to 6 MB, and base64 makes the body 4/3 larger, so 4.5 MB.
    package var maxUploadBytes = 4_500_000
    /// Largest original the S3-triggered path reads, in bytes: 100 MiB, the size presigned
    /// uploads allow (`POST /uploads`). Checked with HeadObject before the object is read, so an
    /// object put by other means (up to S3's 5 GB single PUT) never reaches memory.
    package var maxOriginalBytes = 100 << 20

    /// Creates a configuration.
    ///
    /// - Throws: ``ServiceError`` `.invalidConfiguration` when the two buckets are the same
    ///   (writing thumbnails into the triggering bucket would trigger the function again, forever).
    package init(
        originalsBucket: String, thumbnailsBucket: String, sizes: [Int] = [256], format: OutputFormat = .auto,
        formats: [OutputFormat]? = nil, quality: Int = 80, maxPixels: Int = 100_000_000, urlExpiresSeconds: Int = 900,
        corsOrigin: String = ""
    ) throws(ServiceError) {
        guard !originalsBucket.isEmpty, !thumbnailsBucket.isEmpty else {
            throw ServiceError(.invalidConfiguration, "THUMBGEN_ORIGINALS_BUCKET and THUMBGEN_THUMBNAILS_BUCKET must both be set")
        }
        guard originalsBucket != thumbnailsBucket else {
            throw ServiceError(
                .invalidConfiguration,
                "THUMBGEN_THUMBNAILS_BUCKET is the originals bucket '\(originalsBucket)': thumbnails written there would trigger the function again, endlessly")
        }
        guard !sizes.isEmpty, sizes.allSatisfy({ (1...10_000).contains($0) }) else {
            throw ServiceError(.invalidConfiguration, "THUMBGEN_SIZES must list sizes in 1...10000 pixels")
        }
        guard (1...100).contains(quality) else { throw ServiceError(.invalidConfiguration, "THUMBGEN_QUALITY \(quality) is outside 1...100") }
        guard maxPixels > 0 else { throw ServiceError(.invalidConfiguration, "THUMBGEN_MAX_PIXELS must be positive") }
        guard (1...604_800).contains(urlExpiresSeconds) else {
            throw ServiceError(.invalidConfiguration, "THUMBGEN_URL_EXPIRES \(urlExpiresSeconds) is outside 1...604800 seconds")
        }
        self.originalsBucket = originalsBucket
        self.thumbnailsBucket = thumbnailsBucket
        var unique: [Int] = []
        for size in sizes where !unique.contains(size) { unique.append(size) }
        self.sizes = unique
        var uniqueFormats: [OutputFormat] = []
        for each in formats ?? [format] where !uniqueFormats.contains(each) { uniqueFormats.append(each) }
        self.formats = uniqueFormats.isEmpty ? [format] : uniqueFormats
        self.quality = quality
        self.maxPixels = maxPixels
        self.urlExpiresSeconds = urlExpiresSeconds
        self.corsOrigin = corsOrigin
    }

    /// `text` without leading and trailing spaces and tabs.
    static func trimmed(_ text: some StringProtocol) -> String {
        String(text.drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }

    /// Reads the configuration from `environment` (see the table above).
    ///
    /// - Parameters:
    ///   - environment: The process environment.
    ///   - originalsBucket: When set, used instead of `THUMBGEN_ORIGINALS_BUCKET` (`thumbgen serve`
    ///     passes its buckets as values).
    ///   - thumbnailsBucket: When set, used instead of `THUMBGEN_THUMBNAILS_BUCKET`.
    /// - Returns: The configuration.
    /// - Throws: ``ServiceError`` `.invalidConfiguration` naming the variable at fault.
    package static func from(
        environment: [String: String], originalsBucket: String? = nil,
        thumbnailsBucket: String? = nil
    ) throws(ServiceError) -> ServiceConfiguration {
        func value(_ name: String) -> String? {
            environment[name].map(trimmed).flatMap { $0.isEmpty ? nil : $0 }
        }
        func integer(_ name: String, _ fallback: Int) throws(ServiceError) -> Int {
            guard let text = value(name) else { return fallback }
            guard let number = Int(text) else { throw ServiceError(.invalidConfiguration, "\(name) '\(text)' is not a whole number") }
            return number
        }
        let sizesText = value("THUMBGEN_SIZES") ?? "256"
        var sizes: [Int] = []
        for part in sizesText.split(separator: ",") {
            guard let size = Int(trimmed(part)) else {
                throw ServiceError(.invalidConfiguration, "THUMBGEN_SIZES '\(sizesText)' is not a list of pixel sizes such as 128,256,512")
            }
            sizes.append(size)
        }
        let formatText = (value("THUMBGEN_FORMAT") ?? "auto").lowercased()
        guard let format = OutputFormat(rawValue: formatText == "jpg" ? "jpeg" : formatText) else {
            throw ServiceError(.invalidConfiguration, "THUMBGEN_FORMAT '\(formatText)' is not auto, jpeg, png, webp or avif")
        }
        var formats: [OutputFormat]?
        if let listText = value("THUMBGEN_FORMATS") {
            formats = []
            for part in listText.lowercased().split(separator: ",", omittingEmptySubsequences: false) {
                let name = trimmed(part)
                guard let each = OutputFormat(rawValue: name == "jpg" ? "jpeg" : name) else {
                    throw ServiceError(
                        .invalidConfiguration,
                        "THUMBGEN_FORMATS '\(listText)': '\(name)' is not auto, jpeg, png, webp or avif")
                }
                formats?.append(each)
            }
        }
        return try ServiceConfiguration(
            originalsBucket: originalsBucket ?? value("THUMBGEN_ORIGINALS_BUCKET") ?? "",
            thumbnailsBucket: thumbnailsBucket ?? value("THUMBGEN_THUMBNAILS_BUCKET") ?? "",
            sizes: sizes, format: format, formats: formats, quality: try integer("THUMBGEN_QUALITY", 80),
            maxPixels: try integer("THUMBGEN_MAX_PIXELS", 100_000_000),
            urlExpiresSeconds: try integer("THUMBGEN_URL_EXPIRES", 900), corsOrigin: value("THUMBGEN_CORS_ORIGIN") ?? "")
    }
}
