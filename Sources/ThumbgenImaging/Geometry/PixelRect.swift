/// An integer rectangle in pixels, origin at the top-left corner.
///
/// Covers columns `x ..< x + width` and rows `y ..< y + height`.
package struct PixelRect: Sendable, Hashable, CustomStringConvertible {
    /// Left edge, in pixels from the left of the image.
    package var x: Int
    /// Top edge, in pixels from the top of the image.
    package var y: Int
    /// Width, in pixels.
    package var width: Int
    /// Height, in pixels.
    package var height: Int

    /// Makes a rectangle from its top-left corner and size, all in pixels.
    package init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x; self.y = y; self.width = width; self.height = height
    }

    /// The rectangle's width and height, in pixels.
    package var size: PixelSize { PixelSize(width: width, height: height) }

    /// `WxH+X+Y`, as ImageMagick writes geometry.
    package var description: String { "\(width)x\(height)+\(x)+\(y)" }
}
