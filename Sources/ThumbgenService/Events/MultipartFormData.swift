/// The file part of a `multipart/form-data` body, as `curl -F file=@p.jpg` and HTML forms send
/// it (RFC 7578; part syntax from RFC 2046 §5.1.1).
///
/// Only what `POST /thumbnails` needs: the first part whose `Content-Disposition` has a
/// `filename` (else the first part named `file`), its bytes and file name. The body is already
/// bounded by the request limit; parsing is linear in it and allocates one copy of the part.
enum MultipartFormData {
    /// One uploaded file.
    struct FilePart: Equatable {
        /// The part's `filename` parameter (nil when absent), as sent.
        var filename: String?
        var bytes: [UInt8]
    }

    /// The `boundary` parameter of a `multipart/form-data` Content-Type, or nil for any other type.
    ///
    /// - Parameter contentType: e.g. `multipart/form-data; boundary=------abc` (quotes allowed).
    static func boundary(ofContentType contentType: String?) -> String? {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: " \t") }
            guard pair.count == 2, pair[0].lowercased() == "boundary" else { continue }
            let value = pair[1].hasPrefix("\"") && pair[1].hasSuffix("\"") && pair[1].count >= 2 ? String(pair[1].dropFirst().dropLast()) : pair[1]
            // RFC 2046: 1 to 70 characters.
            return (1...70).contains(value.utf8.count) ? value : nil
        }
        return nil
    }

    /// The file part of `body`, split at `--boundary` lines.
    ///
    /// - Returns: the part, or nil when there is no file part or the body is malformed.
    static func filePart(of body: [UInt8], boundary: String) -> FilePart? {
        let delimiter = Array("--\(boundary)".utf8)
        var candidates: [(headers: String, content: ArraySlice<UInt8>)] = []
        var start = find(delimiter, in: body[...])
        while let open = start {
            var cursor = open + delimiter.count
            // "--" after the delimiter closes the body.
            if body[cursor...].starts(with: [0x2D, 0x2D]) { break }
            guard let headersEnd = find([0x0D, 0x0A, 0x0D, 0x0A], in: body[cursor...]) else { return nil }
            let headers = String(decoding: body[cursor..<headersEnd], as: UTF8.self)
            cursor = headersEnd + 4
            guard let next = find([0x0D, 0x0A] + delimiter, in: body[cursor...]) else { return nil }
            candidates.append((headers, body[cursor..<next]))
            start = next + 2
        }
        let parsed = candidates.map { (disposition: parameters(ofDisposition: $0.headers), content: $0.content) }
        guard let chosen = parsed.first(where: { $0.disposition["filename"] != nil }) ?? parsed.first(where: { $0.disposition["name"] == "file" })
        else { return nil }
        return FilePart(filename: chosen.disposition["filename"], bytes: Array(chosen.content))
    }

    /// `name` and `filename` of a part's `Content-Disposition: form-data; name="file"; filename="p.jpg"`.
    private static func parameters(ofDisposition headers: String) -> [String: String] {
        guard let line = headers.split(separator: "\r\n").first(where: { $0.lowercased().hasPrefix("content-disposition:") }) else { return [:] }
        var result: [String: String] = [:]
        for parameter in line.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: " \t") }
            guard pair.count == 2 else { continue }
            let value = pair[1].hasPrefix("\"") && pair[1].hasSuffix("\"") && pair[1].count >= 2 ? String(pair[1].dropFirst().dropLast()) : pair[1]
            result[pair[0].lowercased()] = value
        }
        return result
    }

    /// The index where `needle` first occurs in `haystack`, or nil.
    private static func find(_ needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        var index = haystack.startIndex
        let last = haystack.endIndex - needle.count
        while index <= last {
            if haystack[index] == first, haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}

extension Substring {
    /// The text without leading and trailing characters from `set`.
    fileprivate func trimmingCharacters(in set: String) -> String {
        String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}
