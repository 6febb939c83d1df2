/// The order in which a resize batch hands its files to the workers.
///
/// One worker takes them in command-line order. Several take the largest file first (the
/// longest-processing-time-first rule, R. L. Graham, "Bounds on multiprocessing timing
/// anomalies", 1969): a thumbnail's time grows with the bytes to decode, and a large file
/// picked up last keeps one worker busy while the others have nothing left. Results are
/// reported as files finish, so the order is not visible in the output beyond that.
enum ResizeSchedule {
    /// Indices into the batch, in the order to process them.
    ///
    /// - Parameters:
    ///   - byteSizes: each input's size in bytes, nil when unknown (standard input, a FIFO);
    ///     unknown sizes go last.
    ///   - workers: how many files are processed at once.
    /// - Returns: a permutation of `0..<byteSizes.count`; ties keep command-line order.
    static func order(byteSizes: [Int64?], workers: Int) -> [Int] {
        let indices = Array(byteSizes.indices)
        guard workers > 1 else { return indices }
        return indices.sorted { a, b in
            let sizeA = byteSizes[a] ?? -1, sizeB = byteSizes[b] ?? -1
            return sizeA != sizeB ? sizeA > sizeB : a < b
        }
    }
}
