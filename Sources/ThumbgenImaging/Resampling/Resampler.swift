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
/// Pass 1 filters each source row horizontally (rows streamed: each 8-bit row is converted
/// to premultiplied `SIMD4<Float>` working pixels, see ``Premultiplication``, then reduced to
/// the output width) into an intermediate of source height × output width; pass 2 filters
/// that intermediate vertically, one output row at a time as a weighted sum of whole
/// intermediate rows (contiguous, vectorisable), and converts back to bytes. An axis whose
/// length does not change skips its pass. Weights come from ``ContributionTable``.
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
        let (sourceWidth, sourceHeight) = (sourceSize.width, sourceSize.height)
        let (width, height) = (outputSize.width, outputSize.height)
        let intermediate = UnsafeMutablePointer<SIMD4<Float>>.allocate(capacity: sourceHeight * width)
        let line = UnsafeMutablePointer<SIMD4<Float>>.allocate(capacity: max(sourceWidth, width))
        defer { intermediate.deallocate(); line.deallocate() }

        image.pixels.withUnsafeBufferPointer { source in
            guard let source = source.baseAddress else { return }
            for y in 0..<sourceHeight {
                let row = source + y * sourceWidth * layout.channels
                if let horizontal {
                    Premultiplication.load(row, count: sourceWidth, layout: layout, into: line)
                    horizontal.apply(strided: line, step: 1, into: intermediate + y * width)
                } else {
                    Premultiplication.load(row, count: sourceWidth, layout: layout, into: intermediate + y * width)
                }
            }
        }
        result.pixels.withUnsafeMutableBufferPointer { output in
            guard let output = output.baseAddress else { return }
            for y in 0..<height {
                let row = output + y * width * layout.channels
                if let vertical {
                    vertical.accumulateRows(of: intermediate, rowLength: width, output: y, into: line)
                    Premultiplication.store(line, count: width, layout: layout, into: row)
                } else {
                    Premultiplication.store(intermediate + y * width, count: width, layout: layout, into: row)
                }
            }
        }
        return result
    }
}

extension ContributionTable {
    /// Filters one line: `destination[i] = Σₖ weight(i, k) · source[(start(i) + k) · step]`
    /// for every output sample `i`.
    func apply(strided source: UnsafePointer<SIMD4<Float>>, step: Int,
               into destination: UnsafeMutablePointer<SIMD4<Float>>) {
        weights.withUnsafeBufferPointer { weights in
            starts.withUnsafeBufferPointer { starts in
                counts.withUnsafeBufferPointer { counts in
                    guard let w = weights.baseAddress else { return }
                    for i in 0..<starts.count {
                        let taps = w + i * stride
                        let first = source + starts[i] * step
                        var sum = SIMD4<Float>.zero
                        for k in 0..<counts[i] { sum += taps[k] * first[k * step] }
                        destination[i] = sum
                    }
                }
            }
        }
    }

    /// Vertical filtering of whole rows: `destination[x] = Σₖ weight(output, k) ·
    /// rows[(start(output) + k) · rowLength + x]` for `x` in `0..<rowLength`.
    func accumulateRows(of rows: UnsafePointer<SIMD4<Float>>, rowLength: Int, output: Int,
                        into destination: UnsafeMutablePointer<SIMD4<Float>>) {
        destination.update(repeating: .zero, count: rowLength)
        let start = starts[output]
        for k in 0..<counts[output] {
            let weight = weights[output * stride + k]
            let row = rows + (start + k) * rowLength
            for x in 0..<rowLength { destination[x] += weight * row[x] }
        }
    }
}
