import Foundation
import ThumbgenBasics
import ThumbgenSigV4

/// An HTTP/1.1 request written as text, as in the AWS test suites' `.req` and `request.txt`
/// files: request line, `Name:value` lines (a line starting with a space or tab continues
/// the previous value: RFC 7230 §3.2.4 obs-fold, replaced by one space), then an optional
/// blank line and body. LF line ends; a missing final newline is fine.
struct VectorRequest {
    var method: String
    /// The request target's path exactly as written (may hold raw spaces or UTF-8).
    var path: String
    /// Query parameters, percent-decoded (`+` kept), in the order written.
    var query: [(name: String, value: String)]
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    enum ParseError: Error { case malformed(String) }

    init(text: String) throws {
        let head: Substring
        if let blank = text.range(of: "\n\n") {
            head = text[..<blank.lowerBound]
            body = Array(text[blank.upperBound...].utf8)
        } else {
            head = text[...]
            body = []
        }
        var lines = head.split(separator: "\n", omittingEmptySubsequences: false)
        while lines.last?.isEmpty == true { lines.removeLast() }
        guard let requestLine = lines.first,
            let firstSpace = requestLine.firstIndex(of: " "),
            let lastSpace = requestLine.lastIndex(of: " "), firstSpace < lastSpace
        else { throw ParseError.malformed("request line") }
        method = String(requestLine[..<firstSpace])
        let target = requestLine[requestLine.index(after: firstSpace)..<lastSpace]
        if let mark = target.firstIndex(of: "?") {
            path = String(target[..<mark])
            query = Self.parseQuery(target[target.index(after: mark)...])
        } else {
            path = String(target)
            query = []
        }
        headers = []
        for line in lines.dropFirst() {
            if line.first == " " || line.first == "\t", !headers.isEmpty {
                let continuation = line.drop { $0 == " " || $0 == "\t" }
                headers[headers.count - 1].value += " " + continuation
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { throw ParseError.malformed(String(line)) }
            headers.append((String(line[..<colon]), String(line[line.index(after: colon)...])))
        }
    }

    static func parseQuery(_ text: Substring) -> [(name: String, value: String)] {
        text.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let value = parts.count > 1 ? String(parts[1]) : ""
            return (decode(String(parts[0])), decode(value))
        }
    }

    static func decode(_ text: String) -> String {
        String(decoding: PercentEncoding.decode(text), as: UTF8.self)
    }

    /// The request for the signer; the test suites' paths are the wire paths.
    func sigV4Request(headers override: [(name: String, value: String)]? = nil) -> SigV4Request {
        SigV4Request(
            method: method, encodedPath: path, query: query, headers: override ?? headers,
            payloadHash: PayloadHash.sha256Hex(body))
    }

    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

/// Reads fixture files through `Bundle.module`.
enum Fixtures {
    static var root: URL {
        get throws {
            guard let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
                throw VectorRequest.ParseError.malformed("Fixtures folder missing from Bundle.module")
            }
            return url
        }
    }

    static func text(_ relativePath: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(relativePath), encoding: .utf8)
    }

    /// Names of the case folders directly under `folder` (sorted), optionally only those
    /// holding a file called `marker` (or `<case>.<markerExtension>`).
    static func caseFolders(in folder: String, containing markerExtension: String? = nil, file marker: String? = nil) -> [String] {
        guard let base = try? root.appendingPathComponent(folder),
            let names = try? FileManager.default.contentsOfDirectory(atPath: base.path)
        else { return [] }
        return names.filter { name in
            let dir = base.appendingPathComponent(name)
            if let marker { return FileManager.default.fileExists(atPath: dir.appendingPathComponent(marker).path) }
            if let markerExtension {
                return FileManager.default.fileExists(atPath: dir.appendingPathComponent("\(name).\(markerExtension)").path)
            }
            return false
        }.sorted()
    }
}

/// The common inputs of both AWS suites.
enum SuiteInputs {
    static let accessKeyID = "AKIDEXAMPLE"
    static let secretAccessKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
    static let region = "us-east-1"
    static let service = "service"
    /// 2015-08-30T12:36:00Z.
    static let date = Date(timeIntervalSince1970: 1_440_938_160)
}
