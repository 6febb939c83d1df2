/// How the thumbnail fills its bounding box.
///
/// The exact arithmetic of each mode is documented on ``ResizePlan/make(source:box:fit:upscale:)``.
package enum FitMode: String, Sendable, CaseIterable {
    /// Scale to fit inside the box, keeping the aspect ratio; all of the picture stays.
    case contain
    /// Scale to cover the box, keeping the aspect ratio, then centre-crop to the box.
    case cover
    /// Stretch to the box exactly, ignoring the aspect ratio.
    case fill
}
