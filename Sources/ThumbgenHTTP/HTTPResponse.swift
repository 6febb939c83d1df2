/// A received HTTP response: status, headers and the body (in memory or in a file).
package struct HTTPResponse: Sendable {
    /// The status code, e.g. `200`, `404`.
    package var status: Int
    /// The header fields of the final response, in received order.
    package var headers: HTTPHeaders
    /// The body bytes; empty when the body was streamed to ``bodyFile``.
    package var body: [UInt8]
    /// The path the body was streamed to, when the request asked for a file and the status was 2xx.
    package var bodyFile: String?

    /// Creates a response.
    ///
    /// - Parameters:
    ///   - status: The HTTP status code.
    ///   - headers: The header fields.
    ///   - body: The in-memory body bytes.
    ///   - bodyFile: The file holding the body, if streamed.
    package init(status: Int, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = [], bodyFile: String? = nil) {
        self.status = status
        self.headers = headers
        self.body = body
        self.bodyFile = bodyFile
    }

    /// True for 200...299.
    package var isSuccess: Bool { (200...299).contains(status) }
}

/// Ordered header fields with case-insensitive lookup (RFC 9110 section 5.1: field names are caseless).
package struct HTTPHeaders: Sendable, CustomStringConvertible {
    /// The fields in received order, names as received.
    public private(set) var fields: [(name: String, value: String)]

    /// Creates headers from ordered fields.
    ///
    /// - Parameter fields: Name/value pairs in order.
    package init(_ fields: [(name: String, value: String)] = []) {
        self.fields = fields
    }

    /// Appends a field.
    ///
    /// - Parameters:
    ///   - name: The field name.
    ///   - value: The field value, without surrounding whitespace.
    package mutating func append(name: String, value: String) {
        fields.append((name, value))
    }

    /// The first value of the field `name` (compared case-insensitively), or nil.
    package subscript(name: String) -> String? {
        let wanted = name.lowercased()
        return fields.first { $0.name.lowercased() == wanted }?.value
    }

    /// Every value of the field `name` (compared case-insensitively), in order.
    ///
    /// - Parameter name: The field name.
    /// - Returns: The values; empty when absent.
    package func values(for name: String) -> [String] {
        let wanted = name.lowercased()
        return fields.filter { $0.name.lowercased() == wanted }.map(\.value)
    }

    /// `name: value` pairs with secrets redacted.
    package var description: String {
        fields.map { "\($0.name): \(HTTPRedaction.redact(headerName: $0.name, value: $0.value))" }
            .joined(separator: ", ")
    }
}
