extension PixelBuffer {
    /// Resamples to `size` with a Lanczos-3 filter, in premultiplied alpha when there is alpha.
    ///
    /// Separable two-pass filter (see ``Resampler``): pixel centres aligned, kernel stretched
    /// by the reduction factor when shrinking, clamped edges, values clamped to 0...255 and
    /// rounded. Works on every layout. The same size returns `self` (no filtering); a size
    /// with a zero side, or a source with no pixels, gives a zero-filled buffer (negative
    /// sides count as 0).
    ///
    /// - Parameter size: target size in pixels (each side ≥ 1 for a picture).
    /// - Returns: a buffer of the same layout and the given size.
    public func resampled(to size: PixelSize) -> PixelBuffer {
        let size = PixelSize(width: max(size.width, 0), height: max(size.height, 0))
        if size == self.size { return self }
        if size.area == 0 || self.size.area == 0 { return PixelBuffer(size: size, layout: layout) }
        return Resampler(from: self.size, to: size).resample(self)
    }
}

/// A separable Lanczos-3 resampler between two fixed sizes, reusable across images.
///
/// Pass 1 filters source rows horizontally: each 8-bit row is converted to premultiplied
/// `SIMD4<Float>` working pixels (see ``Premultiplication``) and reduced to the output width.
/// Pass 2 makes each output row as a weighted sum of whole horizontally filtered rows
/// (contiguous, vectorisable) and converts it back to bytes. Output rows are made top to
/// bottom and their source windows only move down, so pass 1 runs on demand into a ring of
/// as many rows as the vertical filter has taps: every source row is filtered once and the
/// working set stays small (256 px wide × 17 taps ≈ 70 KB for a 720 → 256 shrink) instead of
/// a whole source-height intermediate. An axis whose length does not change skips its pass.
/// Weights come from ``ContributionTable``.
struct Resampler {
    /// Size of the images this resampler reads, in pixels (each side ≥ 1).
    let sourceSize: PixelSize
    /// Size of the images it writes, in pixels (each side ≥ 1).
    let outputSize: PixelSize
    /// Column weights, or `nil` when the width does not change.
    let horizontal: ContributionTable?
    /// Row weights, or `nil` when the height does not change.
    let vertical: ContributionTable?

    /// Precomputes the weights for `source` → `output` (both with sides ≥ 1, in pixels).
    init(from source: PixelSize, to output: PixelSize) {
        sourceSize = source
        outputSize = output
        horizontal = source.width == output.width ? nil
            : ContributionTable(sourceLength: source.width, outputLength: output.width)
        vertical = source.height == output.height ? nil
            : ContributionTable(sourceLength: source.height, outputLength: output.height)
    }

    /// Resamples `image`, whose size must be ``sourceSize`` (else the result is zero-filled).
    ///
    /// - Returns: a buffer of ``outputSize`` in the same layout.
    func resample(_ image: PixelBuffer) -> PixelBuffer {
        var result = PixelBuffer(size: outputSize, layout: image.layout)
        guard image.size == sourceSize else { return result }
        let layout = image.layout
        let sourceWidth = sourceSize.width
        let (width, height) = (outputSize.width, outputSize.height)
        let ringRows = vertical?.stride ?? 1
        let ring = UnsafeMutablePointer<SIMD4<Float>>.allocate(capacity: ringRows * width)
        let line = UnsafeMutablePointer<SIMD4<Float>>.allocate(capacity: max(sourceWidth, width))
        defer { ring.deallocate(); line.deallocate() }

        image.pixels.withUnsafeBufferPointer { source in
            result.pixels.withUnsafeMutableBufferPointer { output in
                guard let source = source.baseAddress, let output = output.baseAddress else { return }
                /// Pass 1 for source row `y`, into ring slot `y % ringRows`.
                func filterRow(_ y: Int) {
                    let row = source + y * sourceWidth * layout.channels
                    let slot = ring + (y % ringRows) * width
                    if let horizontal {
                        Premultiplication.load(row, count: sourceWidth, layout: layout, into: line)
                        horizontal.apply(line, into: slot)
                    } else {
                        Premultiplication.load(row, count: sourceWidth, layout: layout, into: slot)
                    }
                }
                // `line` is scratch for both passes: filterRow() is done with it before
                // accumulateRows() fills it, and store() empties it before the next row.
                var filtered = 0
                for y in 0..<height {
                    let row = output + y * width * layout.channels
                    guard let vertical else {
                        filterRow(y)
                        Premultiplication.store(ring, count: width, layout: layout, into: row)
                        continue
                    }
                    let needed = vertical.starts[y] + vertical.counts[y]
                    while filtered < needed { filterRow(filtered); filtered += 1 }
                    vertical.accumulateRows(of: ring, ringRows: ringRows, rowLength: width, output: y, into: line)
                    Premultiplication.store(line, count: width, layout: layout, into: row)
                }
            }
        }
        return result
    }
}
