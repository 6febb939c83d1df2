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
    package func resampled(to size: PixelSize) -> PixelBuffer {
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
///
/// Memory is bounded by the output, whatever the aspect ratio: an axis shrunk 32 times or more
/// is first box-averaged (``BoxShrink``) so that tables, the ring and the working line hold at
/// most about 32 × 6 samples per output sample; source rows are read in chunks of
/// ``chunkPixels`` when box-averaged, never converted whole.
struct Resampler {
    /// Source pixels converted to working pixels at a time when a row is box-averaged.
    static let chunkPixels = 4096
    /// Size of the images this resampler reads, in pixels (each side ≥ 1).
    let sourceSize: PixelSize
    /// Size of the images it writes, in pixels (each side ≥ 1).
    let outputSize: PixelSize
    /// Column box pre-shrink (factor 1 when none).
    let horizontalBox: BoxShrink
    /// Row box pre-shrink (factor 1 when none).
    let verticalBox: BoxShrink
    /// Column weights over the box-shrunk row, or `nil` when the width does not change.
    let horizontal: ContributionTable?
    /// Row weights over the box-shrunk rows, or `nil` when the height does not change.
    let vertical: ContributionTable?

    /// Precomputes the weights for `source` → `output` (both with sides ≥ 1, in pixels).
    init(from source: PixelSize, to output: PixelSize) {
        sourceSize = source
        outputSize = output
        horizontalBox = BoxShrink(sourceLength: source.width, outputLength: output.width)
        verticalBox = BoxShrink(sourceLength: source.height, outputLength: output.height)
        horizontal = source.width == output.width ? nil : horizontalBox.table(outputLength: output.width)
        vertical = source.height == output.height ? nil : verticalBox.table(outputLength: output.height)
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
        let (hBox, vBox) = (horizontalBox, verticalBox)
        let ringRows = vertical?.stride ?? 1
        let ring = UnsafeMutablePointer<SIMD4<Float>>.allocate(capacity: ringRows * width)
        // The (box-shrunk) source row for pass 1, then scratch for pass 2's output row.
        let line = UnsafeMutablePointer<SIMD4<Float>>.allocate(capacity: max(hBox.sampleCount, width))
        let chunk = hBox.factor > 1 ? hBox.factor * max(1, Self.chunkPixels / hBox.factor) : 0
        let scratch = UnsafeMutablePointer<SIMD4<Float>>.allocate(capacity: max(chunk, 1))
        let rowSum = UnsafeMutablePointer<SIMD4<Float>>.allocate(capacity: vBox.factor > 1 ? width : 1)
        defer { ring.deallocate(); line.deallocate(); scratch.deallocate(); rowSum.deallocate() }

        image.pixels.withUnsafeBufferPointer { source in
            result.pixels.withUnsafeMutableBufferPointer { output in
                guard let source = source.baseAddress, let output = output.baseAddress else { return }
                /// Source row `y` as working pixels into `into`: as is, or box-averaged to
                /// `hBox.reducedLength` samples framed by the row's first and last pixel.
                func loadRow(_ y: Int, into: UnsafeMutablePointer<SIMD4<Float>>) {
                    let row = source + y * sourceWidth * layout.channels
                    guard hBox.factor > 1 else {
                        Premultiplication.load(row, count: sourceWidth, layout: layout, into: into)
                        return
                    }
                    let k = hBox.factor
                    let boxes = into + 1
                    boxes.update(repeating: .zero, count: hBox.reducedLength)
                    var x = 0
                    while x < sourceWidth {
                        let n = min(chunk, sourceWidth - x)
                        Premultiplication.load(row + x * layout.channels, count: n, layout: layout, into: scratch)
                        if x == 0 { into[0] = scratch[0] }
                        for j in 0..<n { boxes[(x + j) / k] += scratch[j] }
                        x += n
                        if x == sourceWidth { into[hBox.reducedLength + 1] = scratch[n - 1] }
                    }
                    let full = SIMD4<Float>(repeating: 1 / Float(k))
                    for i in 0..<(sourceWidth / k) { boxes[i] *= full }
                    let rest = sourceWidth % k
                    if rest > 0 { boxes[hBox.reducedLength - 1] *= SIMD4(repeating: 1 / Float(rest)) }
                }
                /// Pass 1 for source row `y`, into `slot` (`width` working pixels).
                func filterRow(_ y: Int, into slot: UnsafeMutablePointer<SIMD4<Float>>) {
                    if let horizontal {
                        loadRow(y, into: line)
                        horizontal.apply(line, into: slot)
                    } else {
                        loadRow(y, into: slot)
                    }
                }
                /// Pass 1 for row `r` of the line the vertical table reads, into ring slot
                /// `r % ringRows`: source row `r`, or with a box the first source row (r = 0),
                /// the mean of box `r − 1`'s source rows, or the last source row.
                func reducedRow(_ r: Int) {
                    let slot = ring + (r % ringRows) * width
                    guard vBox.factor > 1 else { return filterRow(r, into: slot) }
                    if r == 0 { return filterRow(0, into: slot) }
                    if r == vBox.reducedLength + 1 { return filterRow(sourceSize.height - 1, into: slot) }
                    let rows = ((r - 1) * vBox.factor)..<min(sourceSize.height, r * vBox.factor)
                    slot.update(repeating: .zero, count: width)
                    for y in rows {
                        filterRow(y, into: rowSum)
                        for x in 0..<width { slot[x] += rowSum[x] }
                    }
                    let mean = SIMD4<Float>(repeating: 1 / Float(rows.count))
                    for x in 0..<width { slot[x] *= mean }
                }
                // `line` is scratch for both passes: filterRow() is done with it before
                // accumulateRows() fills it, and store() empties it before the next row.
                var filtered = 0
                for y in 0..<height {
                    let row = output + y * width * layout.channels
                    guard let vertical else {
                        reducedRow(y)
                        Premultiplication.store(ring, count: width, layout: layout, into: row)
                        continue
                    }
                    let needed = vertical.starts[y] + vertical.counts[y]
                    while filtered < needed { reducedRow(filtered); filtered += 1 }
                    vertical.accumulateRows(of: ring, ringRows: ringRows, rowLength: width, output: y, into: line)
                    Premultiplication.store(line, count: width, layout: layout, into: row)
                }
            }
        }
        return result
    }
}
