import ThumbgenAWS
import ThumbgenImaging

extension ThumbnailKeyFormat {
    /// The key extension for an encoded thumbnail's format: `jpg`, `png`, `webp` or `avif`.
    package init(_ format: ImageFormat) {
        switch format {
        case .jpeg: self = .jpeg
        case .png: self = .png
        case .webp: self = .webp
        case .avif: self = .avif
        }
    }

    /// The image format a key extension stands for.
    package var imageFormat: ImageFormat {
        switch self {
        case .jpeg: .jpeg
        case .png: .png
        case .webp: .webp
        case .avif: .avif
        }
    }
}
