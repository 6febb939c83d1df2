/// Precomputed Lanczos-3 weights that map a line of `sourceLength` samples to `outputLength`.
///
/// For output sample `i` the filter is centred on source position
/// `(i + 0.5) × scale − 0.5` (pixel centres aligned; scale = source / output), and when
/// shrinking it is stretched by `scale` so that it spans 3 × scale source pixels on each side
/// (and so low-pass filters the source before it is decimated). Taps that fall outside the
/// line are folded onto its first or last sample (clamped edges). Each output's weights are
/// normalised to sum to 1, so a constant line stays constant.
///
/// Memory: `outputLength × stride` Floats plus two Ints per output, where `stride` ≤ 6 × scale + 2.
/// ``Resampler`` keeps `scale` below ``BoxShrink/largestResidualScale`` by box-shrinking first, so
/// a table never grows with the source length.
struct ContributionTable {
    /// First source index read by each output sample.
    var starts: [Int]
    /// How many consecutive source samples each output sample reads (≥ 1).
    var counts: [Int]
    /// `stride` weights per output sample, the first `counts[i]` of them used.
    var weights: [Float]
    /// Weights stored per output sample: the largest count.
    var stride: Int

    /// Builds the table for one axis.
    ///
    /// - Parameters:
    ///   - sourceLength: samples in a source line (≥ 1).
    ///   - outputLength: samples in an output line (≥ 1).
    ///   - scale: source samples per output sample; `sourceLength / outputLength` when nil.
    ///     A box-shrunk line passes the unrounded ratio (full length / factor / output), so
    ///     centres stay where they are in the full-size line.
    ///   - edgeSamples: the line carries one extra sample before and after its
    ///     `sourceLength` samples (the full-size line's first and last pixel, see
    ///     ``BoxShrink``): taps past an end fold onto those instead of the first or last box,
    ///     as they fold onto the edge pixel without a box. Indices then count the extra sample.
    init(sourceLength: Int, outputLength: Int, scale: Double? = nil, edgeSamples: Bool = false) {
        let scale = scale ?? Double(sourceLength) / Double(outputLength)
        let filterScale = max(scale, 1)
        let support = LanczosKernel.radius * filterScale
        let (lowest, shift) = edgeSamples ? (-1, 1) : (0, 0)
        let last = edgeSamples ? sourceLength : sourceLength - 1
        // low...high spans at most ⌊2 × support⌋ + 1 samples; clamping only shortens it.
        let capacity = min(Int(2 * support) + 2, last - lowest + 1)
        var starts = [Int](repeating: 0, count: outputLength)
        var counts = [Int](repeating: 1, count: outputLength)
        var weights = [Float](repeating: 0, count: capacity * outputLength)
        var line = [Double](repeating: 0, count: capacity)
        var stride = 1
        for i in 0..<outputLength {
            let centre = (Double(i) + 0.5) * scale - 0.5
            let low = Int((centre - support).rounded(.up))
            let high = Int((centre + support).rounded(.down))
            let first = min(max(low, lowest), last)
            let end = max(min(high, last), first)
            let count = end - first + 1
            for k in 0..<count { line[k] = 0 }
            for j in low...max(low, high) {
                let index = min(max(j, lowest), last)
                line[index - first] += LanczosKernel.weight((Double(j) - centre) / filterScale)
            }
            var sum = 0.0
            for k in 0..<count { sum += line[k] }
            if abs(sum) > 1e-9 {
                for k in 0..<count { weights[i * capacity + k] = Float(line[k] / sum) }
            } else {
                // Cannot happen for a = 3 (the centre tap alone weighs > 0.6); keep nearest.
                weights[i * capacity + min(max(Int(centre.rounded()), lowest), last) - first] = 1
            }
            starts[i] = first + shift
            counts[i] = count
            stride = max(stride, count)
        }
        if stride < capacity {
            // Repack to the real largest count (the ring in ``Resampler`` has `stride` rows).
            var packed = [Float](repeating: 0, count: stride * outputLength)
            for i in 0..<outputLength {
                for k in 0..<counts[i] { packed[i * stride + k] = weights[i * capacity + k] }
            }
            weights = packed
        }
        self.starts = starts
        self.counts = counts
        self.weights = weights
        self.stride = stride
    }
}
extension ContributionTable {
    /// Filters one line: `destination[i] = Σₖ weight(i, k) · source[start(i) + k]` for
    /// every output sample `i`.
    func apply(_ source: UnsafePointer<SIMD4<Float>>, into destination: UnsafeMutablePointer<SIMD4<Float>>) {
        weights.withUnsafeBufferPointer { weights in
            starts.withUnsafeBufferPointer { starts in
                counts.withUnsafeBufferPointer { counts in
                    guard let w = weights.baseAddress else { return }
                    for i in 0..<starts.count {
                        let taps = w + i * stride
                        let first = source + starts[i]
                        let n = counts[i]
                        // Two independent sums halve the add-latency chain.
                        var even = SIMD4<Float>.zero, odd = SIMD4<Float>.zero
                        var k = 0
                        while k + 1 < n {
                            even += taps[k] * first[k]
                            odd += taps[k + 1] * first[k + 1]
                            k += 2
                        }
                        if k < n { even += taps[k] * first[k] }
                        destination[i] = even + odd
                    }
                }
            }
        }
    }

    /// Vertical filtering of whole rows: `destination[x] = Σₖ weight(output, k) · row(start(output)
    /// + k)[x]` for `x` in `0..<rowLength`, where source row `r` is kept at
    /// `ring + (r % ringRows) · rowLength`.
    func accumulateRows(
        of ring: UnsafePointer<SIMD4<Float>>, ringRows: Int, rowLength: Int, output: Int,
        into destination: UnsafeMutablePointer<SIMD4<Float>>
    ) {
        destination.update(repeating: .zero, count: rowLength)
        let (start, n) = (starts[output], counts[output])
        let taps = output * stride
        func row(_ k: Int) -> UnsafePointer<SIMD4<Float>> { ring + ((start + k) % ringRows) * rowLength }
        // Two rows per sweep: half the loads and stores of `destination`.
        var k = 0
        while k + 1 < n {
            let (w0, w1) = (weights[taps + k], weights[taps + k + 1])
            let (r0, r1) = (row(k), row(k + 1))
            for x in 0..<rowLength { destination[x] += w0 * r0[x] + w1 * r1[x] }
            k += 2
        }
        if k < n {
            let (w0, r0) = (weights[taps + k], row(k))
            for x in 0..<rowLength { destination[x] += w0 * r0[x] }
        }
    }
}
