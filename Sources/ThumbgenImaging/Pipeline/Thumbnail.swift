/// An encoded thumbnail.
package struct Thumbnail: Sendable {
    /// The encoded file, bytes.
    package var data: [UInt8]
    /// The format of `data`.
    package var format: ImageFormat
    /// Size of the thumbnail, in pixels.
    package var size: PixelSize
    /// Size of the upright source, in pixels (before shrink-on-load).
    package var sourceSize: PixelSize
}
