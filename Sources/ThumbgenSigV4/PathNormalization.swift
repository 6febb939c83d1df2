/// Path normalization for the canonical URI of every service except S3.
///
/// Source: AWS IAM User Guide, "Create a canonical request for Signature Version 4"
/// ("Normalize URI paths according to RFC 3986. Remove redundant and relative path
/// components."), i.e. RFC 3986 §5.2.4 `remove_dot_segments`, with runs of `/` collapsed
/// (empty segments removed), as the AWS test suite's `normalize-path` cases require
/// (`//example//` → `/example/`, `/example/..` → `/`). S3 must not use it: a key such as
/// `my-object//example//photo.user` is a different object
/// (AWS test suite, `normalize-path/normalize-path.txt`).
package enum PathNormalization {
    /// Removes `.` and `..` segments and empty segments from an absolute path.
    ///
    /// A trailing `/` is kept when the input ends with `/`, `/.` or `/..` and the result is
    /// not just `/`; `..` above the root is dropped (RFC 3986 §5.2.4 step 2C).
    ///
    /// - Parameter path: A path as sent on the wire (percent escapes are left alone; a
    ///   leading `/` is assumed when missing).
    /// - Returns: The normalized path, always starting with `/`.
    package static func normalize(_ path: String) -> String {
        let rawSegments = path.split(separator: "/", omittingEmptySubsequences: false)
        var segments: [Substring] = []
        for segment in rawSegments {
            switch segment {
            case "", ".":
                continue
            case "..":
                if !segments.isEmpty { segments.removeLast() }
            default:
                segments.append(segment)
            }
        }
        let last = rawSegments.last ?? ""
        let endsAsDirectory = last == "" || last == "." || last == ".."
        var result = "/" + segments.joined(separator: "/")
        if endsAsDirectory && !segments.isEmpty { result += "/" }
        return result
    }
}
