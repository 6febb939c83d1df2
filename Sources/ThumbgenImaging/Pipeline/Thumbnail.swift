/// An encoded thumbnail.
public struct Thumbnail: Sendable {
    /// The encoded file, bytes.
    public var data: [UInt8]
    /// The format of `data`.
    public var format: ImageFormat
    /// Size of the thumbnail, in pixels.
    public var size: PixelSize
    /// Size of the upright source, in pixels (before shrink-on-load).
    public var sourceSize: PixelSize
}
