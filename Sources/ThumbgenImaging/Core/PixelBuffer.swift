/// The channel layout of an 8-bit ``PixelBuffer``.
public enum PixelLayout: Int, Sendable, Equatable {
    /// One channel: luminance.
    case gray = 1
    /// Two channels: luminance, then straight (not premultiplied) alpha.
    case grayAlpha = 2
    /// Three channels: red, green, blue (sRGB unless a colour profile says otherwise).
    case rgb = 3
    /// Four channels: red, green, blue, then straight (not premultiplied) alpha.
    case rgba = 4

    /// Bytes per pixel: 1 to 4.
    public var channels: Int { rawValue }

    /// Whether the layout carries an alpha channel.
    public var hasAlpha: Bool { self == .grayAlpha || self == .rgba }
}

/// A width × height pair in pixels.
public struct PixelSize: Sendable, Hashable, CustomStringConvertible {
    /// Columns, in pixels (≥ 0).
    public var width: Int
    /// Rows, in pixels (≥ 0).
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// The size with width and height exchanged (for orientations 5 to 8).
    public var transposed: PixelSize { PixelSize(width: height, height: width) }

    /// Width × height, in pixels.
    public var area: Int { width * height }

    public var description: String { "\(width)x\(height)" }
}

/// An 8-bit image in memory.
///
/// Shape: `size.height` rows of `size.width` pixels, row-major, top row first, each pixel
/// `layout.channels` bytes in the layout's channel order, rows tightly packed
/// (stride = `size.width * layout.channels` bytes). Alpha, when present, is straight.
public struct PixelBuffer: Sendable, Equatable {
    /// Dimensions in pixels.
    public var size: PixelSize
    /// Channel layout of every pixel.
    public var layout: PixelLayout
    /// `size.width * size.height * layout.channels` bytes.
    public var pixels: [UInt8]

    /// Wraps existing pixels.
    ///
    /// - Parameters:
    ///   - size: dimensions in pixels.
    ///   - layout: channel layout.
    ///   - pixels: exactly `size.area * layout.channels` bytes, row-major.
    public init(size: PixelSize, layout: PixelLayout, pixels: [UInt8]) {
        precondition(pixels.count == size.area * layout.channels, "pixel count does not match size and layout")
        self.size = size
        self.layout = layout
        self.pixels = pixels
    }

    /// A buffer of the given shape filled with zero bytes.
    public init(size: PixelSize, layout: PixelLayout) {
        self.size = size
        self.layout = layout
        self.pixels = [UInt8](repeating: 0, count: size.area * layout.channels)
    }

    /// Bytes per row: `size.width * layout.channels`.
    public var rowStride: Int { size.width * layout.channels }
}
