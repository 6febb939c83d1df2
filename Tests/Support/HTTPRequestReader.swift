#if canImport(Glibc)
import Glibc
#endif

/// Reads HTTP/1.1 requests (request line, headers, `Content-Length` body) one after another
/// from a socket, for ``RuntimeAPITestServer``. Chunked request bodies are not supported
/// (the runtime client always sends `Content-Length`).
struct HTTPRequestReader {
    struct Request {
        var method: String
        var path: String
        var headers: [(String, String)]
        var body: [UInt8]

        /// The first value of header `name` (caseless).
        func header(_ name: String) -> String? {
            headers.first { $0.0.lowercased() == name.lowercased() }?.1
        }
    }

    let descriptor: Int32
    private var buffer: [UInt8] = []

    init(descriptor: Int32) { self.descriptor = descriptor }

    /// The next request, or nil at end of stream or on a malformed request.
    mutating func next(sendContinue: () -> Void) -> Request? {
        var headerEnd: Int?
        while true {
            headerEnd = Self.find([13, 10, 13, 10], in: buffer)
            if headerEnd != nil { break }
            guard fill() else { return nil }
        }
        guard let end = headerEnd else { return nil }
        let head = String(decoding: buffer[..<end], as: UTF8.self)
        buffer.removeFirst(end + 4)
        var lines = head.split(separator: "\r\n", omittingEmptySubsequences: false).map(String.init)
        let requestLine = lines.removeFirst().split(separator: " ")
        guard requestLine.count >= 2 else { return nil }
        let headers = lines.compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        var request = Request(method: String(requestLine[0]), path: String(requestLine[1]), headers: headers, body: [])
        let length = Int(request.header("content-length") ?? "0") ?? 0
        if request.header("expect")?.lowercased() == "100-continue" && buffer.count < length { sendContinue() }
        while buffer.count < length {
            guard fill() else { return nil }
        }
        request.body = Array(buffer[..<length])
        buffer.removeFirst(length)
        return request
    }

    private mutating func fill() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return false }
            buffer.append(contentsOf: chunk[..<count])
            return true
        }
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for index in 0...(haystack.count - needle.count) where haystack[index] == needle[0] {
            if Array(haystack[index..<(index + needle.count)]) == needle { return index }
        }
        return nil
    }
}
