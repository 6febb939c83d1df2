/// Precomputed Lanczos-3 weights that map a line of `sourceLength` samples to `outputLength`.
///
/// For output sample `i` the filter is centred on source position
/// `(i + 0.5) × scale − 0.5` (pixel centres aligned; scale = source / output), and when
/// shrinking it is stretched by `scale` so that it spans 3 × scale source pixels on each side
/// (and so low-pass filters the source before it is decimated). Taps that fall outside the
/// line are folded onto its first or last sample (clamped edges). Each output's weights are
/// normalised to sum to 1, so a constant line stays constant.
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
    init(sourceLength: Int, outputLength: Int) {
        let scale = Double(sourceLength) / Double(outputLength)
        let filterScale = max(scale, 1)
        let support = LanczosKernel.radius * filterScale
        let last = sourceLength - 1
        var starts = [Int](repeating: 0, count: outputLength)
        var counts = [Int](repeating: 1, count: outputLength)
        var lines: [[Double]] = []
        lines.reserveCapacity(outputLength)
        for i in 0..<outputLength {
            let centre = (Double(i) + 0.5) * scale - 0.5
            let low = Int((centre - support).rounded(.up))
            let high = Int((centre + support).rounded(.down))
            let first = min(max(low, 0), last)
            let end = max(min(high, last), first)
            var line = [Double](repeating: 0, count: end - first + 1)
            for j in low...max(low, high) {
                let index = min(max(j, 0), last)
                line[index - first] += LanczosKernel.weight((Double(j) - centre) / filterScale)
            }
            let sum = line.reduce(0, +)
            if abs(sum) > 1e-9 {
                for k in line.indices { line[k] /= sum }
            } else {
                // Cannot happen for a = 3 (the centre tap alone weighs > 0.6); keep nearest.
                line = line.indices.map { first + $0 == min(max(Int(centre.rounded()), 0), last) ? 1 : 0 }
            }
            starts[i] = first
            counts[i] = line.count
            lines.append(line)
        }
        let stride = counts.max() ?? 1
        var weights = [Float](repeating: 0, count: stride * outputLength)
        for (i, line) in lines.enumerated() {
            for (k, w) in line.enumerated() { weights[i * stride + k] = Float(w) }
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
    func accumulateRows(of ring: UnsafePointer<SIMD4<Float>>, ringRows: Int, rowLength: Int, output: Int,
                        into destination: UnsafeMutablePointer<SIMD4<Float>>) {
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
