/// The encoded file format of a thumbnail.
package enum OutputFormat: String, Sendable, CaseIterable {
    /// Always JPEG (alpha is composited over `ThumbnailOptions.background`).
    case jpeg
    /// Always PNG (alpha kept).
    case png
    /// Always lossy WebP (alpha kept).
    case webp
    /// Always AVIF (alpha kept).
    case avif
    /// A source with alpha (PNG, WebP or AVIF) becomes PNG, everything else JPEG.
    case auto
}

/// An sRGB colour for compositing alpha onto when the output has no alpha channel.
package struct RGBColor: Sendable, Hashable {
    /// Channel values 0...255, sRGB-encoded.
    package var red: UInt8, green: UInt8, blue: UInt8
    /// Creates a colour from 8-bit sRGB channel values.
    package init(red: UInt8, green: UInt8, blue: UInt8) { self.red = red; self.green = green; self.blue = blue }
    /// 255, 255, 255.
    package static let white = RGBColor(red: 255, green: 255, blue: 255)
}

/// Everything that decides how a thumbnail is made.
package struct ThumbnailOptions: Sendable, Hashable {
    /// The bounding box, in pixels. Default 256 × 256 (longest side 256).
    package var box = ThumbnailBox(width: 256, height: 256)
    /// How the picture fills the box. Default `.contain`.
    package var fit: FitMode = .contain
    /// Allow the output to be larger than the source.
    package var upscale = false
    /// The encoded format. Default `.auto` (PNG with alpha stays PNG, else JPEG).
    package var format: OutputFormat = .auto
    /// Quality on JPEG's scale, 1...100 (else `.invalidOptions`); for JPEG below 90 chroma is
    /// subsampled 4:2:0, from 90 it is kept 4:4:4. WebP and AVIF map it by ``QualityMapping``.
    package var quality = 80
    /// Write a progressive JPEG.
    package var progressive = false
    /// Colour under transparent pixels when the output has no alpha.
    package var background = RGBColor.white
    /// Largest accepted source, in pixels (width × height from the header), checked before decoding.
    package var maxPixels = 100_000_000
    /// Largest whole-image buffer libjpeg may allocate, in bytes (default 512 MiB; 0 = no limit).
    ///
    /// Baseline JPEGs stream and never need it; progressive and multi-scan JPEGs keep every DCT
    /// coefficient (about 2 bytes per sample: 130 MB for a 22 MP 4:4:4 progressive file, 600 MB
    /// at the 100 MP pixel limit). Exceeding it fails with `.tooManyPixels` instead of
    /// exhausting a Lambda's memory.
    package var maxDecoderMemory = 512 * 1024 * 1024
    /// Keep the source's EXIF (JPEG output only) with Orientation reset to 1 and the embedded
    /// preview (IFD1) removed, instead of stripping it. XMP, comments and ICC profiles are never
    /// copied (pixels are converted to sRGB); PNG output never carries EXIF.
    package var keepMetadata = false
    /// The defaults listed on each property.
    package init() {}
}
