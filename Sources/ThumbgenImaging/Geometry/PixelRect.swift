/// An integer rectangle in pixels, origin at the top-left corner.
///
/// Covers columns `x ..< x + width` and rows `y ..< y + height`.
public struct PixelRect: Sendable, Hashable, CustomStringConvertible {
    /// Left edge, in pixels from the left of the image.
    public var x: Int
    /// Top edge, in pixels from the top of the image.
    public var y: Int
    /// Width, in pixels.
    public var width: Int
    /// Height, in pixels.
    public var height: Int

    /// Makes a rectangle from its top-left corner and size, all in pixels.
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x; self.y = y; self.width = width; self.height = height
    }

    /// The rectangle's width and height, in pixels.
    public var size: PixelSize { PixelSize(width: width, height: height) }

    /// `WxH+X+Y`, as ImageMagick writes geometry.
    public var description: String { "\(width)x\(height)+\(x)+\(y)" }
}
