/// Redacts secrets from anything printed: header values of `Authorization` and
/// `X-Amz-Security-Token`, and the `X-Amz-Signature` / `X-Amz-Security-Token` query
/// parameters of presigned URLs (AWS SigV4 "Authenticating Requests: Using Query Parameters").
package enum HTTPRedaction {
    /// The replacement text.
    package static let placeholder = "<redacted>"

    static let secretHeaders = Set(
        [
            HTTPHeaderName.authorization, HTTPHeaderName.amzSecurityToken,
            HTTPHeaderName.proxyAuthorization,
        ].map { $0.lowercased() })
    static let secretQueryNames = Set([HTTPHeaderName.amzSignatureQuery, HTTPHeaderName.amzSecurityToken].map { $0.lowercased() })

    /// The value to print for header `headerName`.
    ///
    /// - Parameters:
    ///   - headerName: The field name (any case).
    ///   - value: The real value.
    /// - Returns: `value`, or ``placeholder`` for a secret header.
    package static func redact(headerName: String, value: String) -> String {
        secretHeaders.contains(headerName.lowercased()) ? placeholder : value
    }

    /// `url` with the values of secret query parameters replaced by ``placeholder``.
    ///
    /// - Parameter url: An absolute URL.
    /// - Returns: The printable URL.
    package static func redact(url: String) -> String {
        guard let question = url.firstIndex(of: "?") else { return url }
        let query = url[url.index(after: question)...]
        let parts = query.split(separator: "&", omittingEmptySubsequences: false).map { part -> String in
            let name = part.split(separator: "=", maxSplits: 1).first.map(String.init) ?? ""
            return secretQueryNames.contains(name.lowercased()) ? "\(name)=\(placeholder)" : String(part)
        }
        return String(url[..<question]) + "?" + parts.joined(separator: "&")
    }

    /// The authority (`host[:port]`) of an absolute URL, or the whole string if it has none.
    ///
    /// - Parameter url: An absolute URL such as `http://127.0.0.1:8333/bucket/key`.
    /// - Returns: `127.0.0.1:8333`.
    package static func host(of url: String) -> String {
        var rest = Substring(url)
        if let colon = rest.firstIndex(of: ":"), rest[colon...].hasPrefix("://") {
            rest = rest[rest.index(colon, offsetBy: 3)...]
        }
        let end = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        let authority = rest[..<end]
        if let at = authority.lastIndex(of: "@") { return String(authority[authority.index(after: at)...]) }
        return String(authority)
    }
}
