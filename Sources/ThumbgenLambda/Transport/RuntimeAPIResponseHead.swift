import ThumbgenHTTP

/// The status line and header fields of one HTTP/1.1 response, and how its body is framed.
///
/// Source: RFC 9112 (HTTP/1.1) section 4 (status line), section 5 (field lines, obs-fold),
/// section 6.3 (message body length) and section 9.3 (persistence); RFC 9110 section 8.6
/// (`Content-Length`).
struct RuntimeAPIResponseHead {
    /// How the body that follows the head is delimited (RFC 9112 section 6.3).
    enum Framing: Equatable {
        /// No body: a 1xx, 204 or 304 status, or the answer to `HEAD`.
        case none
        /// Exactly this many bytes (`Content-Length`).
        case length(Int)
        /// `Transfer-Encoding: chunked`.
        case chunked
        /// Everything until the server closes the connection.
        case untilClose
    }

    /// The status code, 100...999.
    var status: Int
    /// The header fields in received order.
    var headers: HTTPHeaders
    /// How the body is delimited.
    var framing: Framing
    /// Whether the connection may carry the next request: HTTP/1.1 without `Connection: close`,
    /// a body whose end is known, and no `Transfer-Encoding` next to a `Content-Length`.
    var keepsConnection: Bool

    /// True for a 1xx interim response (e.g. `100 Continue`), which a final response follows.
    var isInterim: Bool { (100...199).contains(status) }

    /// Parses a head.
    ///
    /// - Parameters:
    ///   - statusLine: `HTTP/1.1 200 OK` (no line terminator).
    ///   - fieldLines: The header lines that followed, up to the empty line.
    ///   - method: The request's method (a `HEAD` answer has no body).
    /// - Throws: ``RuntimeAPISocket/Failure`` `.malformed` naming what is wrong.
    init(statusLine: ArraySlice<UInt8>, fieldLines: [ArraySlice<UInt8>], method: String) throws(RuntimeAPISocket.Failure) {
        let line = String(decoding: statusLine, as: UTF8.self)
        let bytes = Array(statusLine)
        // HTTP-version SP 3DIGIT [SP reason-phrase]
        guard bytes.count >= 12, line.hasPrefix("HTTP/1."), bytes[7].isDigit, bytes[8] == 0x20,
            bytes[9...11].allSatisfy(\.isDigit), bytes.count == 12 || bytes[12] == 0x20,
            let status = Int(String(decoding: bytes[9...11], as: UTF8.self)), status >= 100
        else {
            throw RuntimeAPISocket.Failure(kind: .malformed, detail: "status line '\(Self.printable(line))'")
        }
        var fields: [(name: String, value: String)] = []
        for fieldLine in fieldLines {
            if let first = fieldLine.first, first == 0x20 || first == 0x09 {
                // obs-fold: a recipient replaces it with SP (RFC 9112 section 5.2).
                guard !fields.isEmpty else { throw RuntimeAPISocket.Failure(kind: .malformed, detail: "a folded first header line") }
                fields[fields.count - 1].value += " " + Self.trimmed(fieldLine)
                continue
            }
            guard let colon = fieldLine.firstIndex(of: UInt8(ascii: ":")), colon > fieldLine.startIndex,
                fieldLine[..<colon].allSatisfy(\.isTokenCharacter)
            else {
                throw RuntimeAPISocket.Failure(kind: .malformed, detail: "header line '\(Self.printable(String(decoding: fieldLine, as: UTF8.self)))'")
            }
            fields.append((String(decoding: fieldLine[..<colon], as: UTF8.self), Self.trimmed(fieldLine[(colon + 1)...])))
        }
        self.status = status
        var keeps = bytes[7] == UInt8(ascii: "1") // HTTP/1.0 closes unless it negotiated otherwise; we never ask
        let headers = HTTPHeaders(fields)
        let connectionTokens = headers.values(for: HTTPHeaderName.connection).flatMap { $0.split(separator: ",") }
        if connectionTokens.contains(where: { $0.trimmingSpaces.lowercased() == "close" }) { keeps = false }

        let transferEncodings = headers.values(for: HTTPHeaderName.transferEncoding)
        let lengths = headers.values(for: HTTPHeaderName.contentLength)
        let framing: Framing
        if (100...199).contains(status) || status == 204 || status == 304 || method == "HEAD" {
            framing = Framing.none
        } else if !transferEncodings.isEmpty {
            let codings = transferEncodings.flatMap { $0.split(separator: ",") }.map { $0.trimmingSpaces.lowercased() }
            // chunked must be the final coding; otherwise the body runs to the close (RFC 9112 section 6.3, item 4).
            framing = codings.last == "chunked" ? .chunked : .untilClose
            if !lengths.isEmpty { keeps = false } // both present: Transfer-Encoding wins, and the connection is not trusted again
        } else if !lengths.isEmpty {
            // A list of identical values is one value (RFC 9110 section 8.6); anything else is an error.
            let values = Set(lengths.flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }.map(\.trimmingSpaces))
            guard values.count == 1, let text = values.first, (1...18).contains(text.count), text.allSatisfy({ $0.isASCII && $0.isNumber }),
                let length = Int(text)
            else {
                throw RuntimeAPISocket.Failure(kind: .malformed, detail: "Content-Length '\(Self.printable(lengths.joined(separator: ", ")))'")
            }
            framing = .length(length)
        } else {
            framing = .untilClose
        }
        if framing == .untilClose { keeps = false }
        self.headers = headers
        self.framing = framing
        keepsConnection = keeps
    }

    /// The chunk size at the start of a chunk line (`1a2b;ext=1`), RFC 9112 section 7.1.
    ///
    /// - Parameter line: The chunk-size line without its terminator.
    /// - Returns: The size in bytes.
    /// - Throws: ``RuntimeAPISocket/Failure`` `.malformed` when it is not hexadecimal or over 15 digits.
    static func chunkSize(_ line: ArraySlice<UInt8>) throws(RuntimeAPISocket.Failure) -> Int {
        let digits = line.prefix { $0.isHexDigit }
        let rest = line[digits.endIndex...].drop { $0 == 0x20 || $0 == 0x09 }
        guard (1...15).contains(digits.count), rest.isEmpty || rest.first == UInt8(ascii: ";"),
            let size = Int(String(decoding: digits, as: UTF8.self), radix: 16)
        else {
            throw RuntimeAPISocket.Failure(kind: .malformed, detail: "chunk size '\(printable(String(decoding: line, as: UTF8.self)))'")
        }
        return size
    }

    /// `bytes` without leading and trailing SP/HTAB, as text.
    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> String {
        let isSpace = { (byte: UInt8) in byte == 0x20 || byte == 0x09 }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }

    /// At most 80 characters of `text` with control characters shown as `?`, for messages.
    private static func printable(_ text: String) -> String {
        String(text.unicodeScalars.prefix(80).map { $0.value < 0x20 || $0.value == 0x7F ? "?" : Character($0) })
    }
}

extension UInt8 {
    fileprivate var isDigit: Bool { (0x30...0x39).contains(self) }
    fileprivate var isHexDigit: Bool { isDigit || (0x41...0x46).contains(self) || (0x61...0x66).contains(self) }
    /// tchar of RFC 9110 section 5.6.2.
    fileprivate var isTokenCharacter: Bool {
        switch self {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        default: Array("!#$%&'*+-.^_`|~".utf8).contains(self)
        }
    }
}

extension Substring {
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
