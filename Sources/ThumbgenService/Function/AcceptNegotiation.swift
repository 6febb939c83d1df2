import ThumbgenAWS

/// Picks the thumbnail format for `GET /thumbnails/{key}` from the request's `Accept` header.
///
/// Rules (RFC 9110 §12.5.1 "Accept"): each media range may carry a weight `q` (0...1, default
/// 1); a format's weight is that of the most specific range matching it (`image/avif` over
/// `image/*` over `*/*`); weight 0 means "not acceptable" and excludes the format. No `Accept`
/// header means `*/*`. Formats are tried by weight, highest first, and among equal weights by
/// the server's preference: AVIF (smallest), then WebP, then JPEG, then PNG.
enum AcceptNegotiation {
    /// The server's preference among equal weights.
    static let preference: [ThumbnailKeyFormat] = [.avif, .webp, .jpeg, .png]

    /// The acceptable formats in the order to try them.
    ///
    /// - Parameter accept: the `Accept` header's value, or nil when absent.
    /// - Returns: formats with weight above 0, best first (empty when none is acceptable).
    static func order(accept: String?) -> [ThumbnailKeyFormat] {
        let ranges = parse(accept ?? "*/*")
        let weighted = preference.enumerated().compactMap { index, format -> (format: ThumbnailKeyFormat, q: Double, rank: Int)? in
            let type = format.imageFormat.mimeType
            let exact = ranges.last { $0.range == type }
            let family = ranges.last { $0.range == "image/*" }
            let any = ranges.last { $0.range == "*/*" }
            guard let q = (exact ?? family ?? any)?.q, q > 0 else { return nil }
            return (format, q, index)
        }
        return weighted.sorted { $0.q != $1.q ? $0.q > $1.q : $0.rank < $1.rank }.map(\.format)
    }

    /// Media ranges with their weights; parameters other than `q` are ignored, a malformed `q`
    /// counts as 1 (the default), ranges are lower-cased.
    static func parse(_ header: String) -> [(range: String, q: Double)] {
        header.split(separator: ",").compactMap { item in
            let parts = item.split(separator: ";").map { $0.trimmingSpaces() }
            guard let range = parts.first?.lowercased(), !range.isEmpty else { return nil }
            var q = 1.0
            for parameter in parts.dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingSpaces() }
                if pair.count == 2, pair[0].lowercased() == "q", let value = Double(pair[1]), (0...1).contains(value) { q = value }
            }
            return (range, q)
        }
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> String {
        String(drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }
}
