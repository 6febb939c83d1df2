/// The target box of a thumbnail: a maximum width and/or height in pixels.
///
/// `--size N` is `ThumbnailBox(width: N, height: N)` (longest side N under `contain`).
/// A `nil` side is unconstrained: under every fit mode it follows from the other side and the
/// source's aspect ratio (see ``ResizePlan/make(source:box:fit:upscale:)``).
package struct ThumbnailBox: Sendable, Hashable {
    /// Largest output width in pixels (1...65535), or `nil` for unconstrained.
    package var width: Int?
    /// Largest output height in pixels (1...65535), or `nil` for unconstrained.
    package var height: Int?

    /// Makes a box; at least one side must be set for ``ResizePlan`` to accept it.
    package init(width: Int?, height: Int?) {
        self.width = width
        self.height = height
    }
}
