/// The integer box pre-shrink that keeps the Lanczos pass small for extreme reduction ratios.
///
/// A Lanczos-3 filter shrinking by `scale` reads 6 × `scale` source samples per output sample,
/// so its weights and its working line grow with the SOURCE length: a 10,000,000 × 1 picture
/// made 256 wide would need 60 M weights (240 MB) and a 160 MB line. As libvips' `vips_resize`
/// (`shrinkh`/`shrinkv` by an integer factor, then `reduceh`/`reducev` with the kernel for the
/// residual) and Pillow's `reducing_gap` do, a ratio of ``threshold`` or more is first reduced
/// by averaging `factor` consecutive samples (a box filter), and Lanczos handles the residual
/// ratio of 16 to 32. The box is far narrower than the stretched kernel (1/16 of a lobe or
/// less), so the result stays within one level of the exact filter (checked against
/// ``ReferenceResampler`` in the tests); ratios under ``threshold`` are not touched.
///
/// The box-shrunk line is framed by the full line's first and last pixel (``sampleCount`` =
/// boxes + 2): the filter's clamped edges repeat the edge PIXEL, not the edge box's mean, as
/// without a box (for a 1-pixel output of a 400-pixel line that folded weight is large).
struct BoxShrink {
    /// Reduction ratio (source / output) from which the box pre-shrink is used: 32.
    static let threshold = 32.0
    /// The residual ratio the box leaves to the Lanczos pass: 16 (the result is in 16 ..< 32).
    static let residualScale = 16.0
    /// The largest ratio a ``ContributionTable`` sees after the box: 32 (≤ 194 taps per output).
    static let largestResidualScale = 2 * residualScale

    /// Samples averaged into one: 1 (no box) below ``threshold``, else ⌊ratio / 16⌋.
    let factor: Int
    /// Samples in the box-shrunk line: ⌈sourceLength / factor⌉.
    let reducedLength: Int
    /// Source samples per output sample on the box-shrunk line (unrounded:
    /// `sourceLength / factor / outputLength`), for ``ContributionTable``.
    let residualScale: Double

    /// Plans the box for one axis.
    ///
    /// - Parameters:
    ///   - sourceLength: samples in a source line (≥ 1).
    ///   - outputLength: samples in an output line (≥ 1).
    init(sourceLength: Int, outputLength: Int) {
        let scale = Double(sourceLength) / Double(outputLength)
        factor = scale >= Self.threshold ? Int(scale / Self.residualScale) : 1
        reducedLength = (sourceLength + factor - 1) / factor
        residualScale = scale / Double(factor)
    }

    /// Samples in the line the table reads: the source length without a box, else the boxes
    /// plus the two edge pixels.
    var sampleCount: Int { factor == 1 ? reducedLength : reducedLength + 2 }

    /// The weights for the (box-shrunk, edge-framed) line.
    func table(outputLength: Int) -> ContributionTable {
        factor == 1
            ? ContributionTable(sourceLength: reducedLength, outputLength: outputLength)
            : ContributionTable(sourceLength: reducedLength, outputLength: outputLength, scale: residualScale, edgeSamples: true)
    }
}
