import ThumbgenAWS

/// Picks the thumbnail format for `GET /thumbnails/{key}` from the request's `Accept` header.
///
/// Rules (RFC 9110 §12.5.1 "Accept"): each media range may carry a weight `q` (0...1, default
/// 1); a format's weight is that of the most specific range matching it (`image/avif` over
/// `image/*` over `*/*`); weight 0 means "not acceptable" and excludes the format. No `Accept`
/// header means `*/*`. Formats are tried by weight, highest first; among equal weights the
/// formats the header names exactly come first, in the server's preference AVIF (smallest), then
/// WebP, then JPEG, then PNG; formats granted only by `image/*` or `*/*` follow, JPEG and PNG
/// before WebP and AVIF.
///
/// Why a wildcard does not select AVIF or WebP: browsers send `*/*` or `image/*` whatever they
/// can decode, and name the modern formats they support. Firefox 65–92 sent `image/webp,*/*`
/// and Chrome 66–84 `image/webp,image/apng,image/*,*/*;q=0.8` for images, and neither shows
/// AVIF; so, as image CDNs do (Cloudflare Images, imgproxy's `AUTO_AVIF`/`AUTO_WEBP`), AVIF or
/// WebP goes only to a client that names it, or to one that stored nothing else matches.
enum AcceptNegotiation {
    /// The server's preference among equal weights for formats the header names.
    static let preference: [ThumbnailKeyFormat] = [.avif, .webp, .jpeg, .png]
    /// The preference among equal weights for formats only a wildcard grants: what every
    /// client decodes first.
    static let wildcardPreference: [ThumbnailKeyFormat] = [.jpeg, .png, .webp, .avif]

    /// The acceptable formats in the order to try them.
    ///
    /// - Parameter accept: the `Accept` header's value, or nil when absent.
    /// - Returns: formats with weight above 0, best first (empty when none is acceptable).
    static func order(accept: String?) -> [ThumbnailKeyFormat] {
        let ranges = parse(accept ?? "*/*")
        let weighted = preference.compactMap { format -> (format: ThumbnailKeyFormat, q: Double, rank: Int)? in
            let type = format.imageFormat.mimeType
            if let exact = ranges.last(where: { $0.range == type }) {
                guard exact.q > 0 else { return nil }
                return (format, exact.q, preference.firstIndex(of: format) ?? 0)
            }
            let family = ranges.last { $0.range == "image/*" }
            let any = ranges.last { $0.range == "*/*" }
            guard let q = (family ?? any)?.q, q > 0 else { return nil }
            return (format, q, preference.count + (wildcardPreference.firstIndex(of: format) ?? 0))
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
