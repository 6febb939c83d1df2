/// The channel layout of an 8-bit ``PixelBuffer``.
package enum PixelLayout: Int, Sendable, Equatable {
    /// One channel: luminance.
    case gray = 1
    /// Two channels: luminance, then straight (not premultiplied) alpha.
    case grayAlpha = 2
    /// Three channels: red, green, blue (sRGB unless a colour profile says otherwise).
    case rgb = 3
    /// Four channels: red, green, blue, then straight (not premultiplied) alpha.
    case rgba = 4

    /// Bytes per pixel: 1 to 4.
    package var channels: Int { rawValue }

    /// Whether the layout carries an alpha channel.
    package var hasAlpha: Bool { self == .grayAlpha || self == .rgba }
}

/// A width × height pair in pixels.
package struct PixelSize: Sendable, Hashable, CustomStringConvertible {
    /// Columns, in pixels (≥ 0).
    package var width: Int
    /// Rows, in pixels (≥ 0).
    package var height: Int

    package init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// The size with width and height exchanged (for orientations 5 to 8).
    package var transposed: PixelSize { PixelSize(width: height, height: width) }

    /// Width × height, in pixels.
    package var area: Int { width * height }

    package var description: String { "\(width)x\(height)" }
}

/// An 8-bit image in memory.
///
/// Shape: `size.height` rows of `size.width` pixels, row-major, top row first, each pixel
/// `layout.channels` bytes in the layout's channel order, rows tightly packed
/// (stride = `size.width * layout.channels` bytes). Alpha, when present, is straight.
package struct PixelBuffer: Sendable, Equatable {
    /// Dimensions in pixels.
    package var size: PixelSize
    /// Channel layout of every pixel.
    package var layout: PixelLayout
    /// `size.width * size.height * layout.channels` bytes.
    package var pixels: [UInt8]

    /// Wraps existing pixels.
    ///
    /// - Parameters:
    ///   - size: dimensions in pixels.
    ///   - layout: channel layout.
    ///   - pixels: exactly `size.area * layout.channels` bytes, row-major.
    package init(size: PixelSize, layout: PixelLayout, pixels: [UInt8]) {
        precondition(pixels.count == size.area * layout.channels, "pixel count does not match size and layout")
        self.size = size
        self.layout = layout
        self.pixels = pixels
    }

    /// A buffer of the given shape filled with zero bytes.
    package init(size: PixelSize, layout: PixelLayout) {
        self.size = size
        self.layout = layout
        self.pixels = [UInt8](repeating: 0, count: size.area * layout.channels)
    }

    /// Bytes per row: `size.width * layout.channels`.
    package var rowStride: Int { size.width * layout.channels }
}
