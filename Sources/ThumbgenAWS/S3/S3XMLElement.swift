/// A small, tolerant XML reader for S3's flat response documents (ListBucketResult,
/// Error, InitiateMultipartUploadResult, ...). FoundationEssentials has no XMLParser.
///
/// It understands start/end/empty tags with attributes, character data, the five
/// predefined entities plus `&#NN;` / `&#xNN;` (XML 1.0 section 4.6), CDATA sections,
/// comments, processing instructions and `<!DOCTYPE>`. Namespace prefixes are dropped.
/// It does not validate: unknown entities are kept literally and an unclosed element is
/// closed at the end of input.
package struct S3XMLElement: Sendable, Hashable {
    /// The local name (prefix removed): `ListBucketResult`.
    package var name: String
    /// The element's own character data, entities decoded, not trimmed.
    package var text: String
    /// Child elements in document order.
    package var children: [S3XMLElement]

    /// Creates an element.
    package init(name: String, text: String = "", children: [S3XMLElement] = []) {
        self.name = name
        self.text = text
        self.children = children
    }

    /// The first child named `name`.
    package func child(_ name: String) -> S3XMLElement? { children.first { $0.name == name } }

    /// Every child named `name`, in order.
    package func children(_ name: String) -> [S3XMLElement] { children.filter { $0.name == name } }

    /// The text of the first child named `name`, or nil when absent.
    package func text(of name: String) -> String? { child(name)?.text }

    /// Parses a document and returns its root element.
    ///
    /// - Parameter bytes: The UTF-8 document.
    /// - Returns: The root element, or nil when the input holds no element at all.
    package static func parse(_ bytes: [UInt8]) -> S3XMLElement? {
        var stack: [S3XMLElement] = []
        var root: S3XMLElement?
        var index = 0
        let count = bytes.count

        func close() {
            guard let done = stack.popLast() else { return }
            if stack.isEmpty { root = root ?? done } else { stack[stack.count - 1].children.append(done) }
        }
        func starts(_ literal: String, at position: Int) -> Bool {
            let pattern = Array(literal.utf8)
            return position + pattern.count <= count && Array(bytes[position..<position + pattern.count]) == pattern
        }
        func find(_ literal: String, from position: Int) -> Int {
            var i = position
            while i < count && !starts(literal, at: i) { i += 1 }
            return i
        }

        while index < count {
            if bytes[index] != UInt8(ascii: "<") {
                let end = bytes[index...].firstIndex(of: UInt8(ascii: "<")) ?? count
                if !stack.isEmpty { stack[stack.count - 1].text += decodeEntities(bytes[index..<end]) }
                index = end
                continue
            }
            if starts("<![CDATA[", at: index) {
                let end = find("]]>", from: index + 9)
                if !stack.isEmpty { stack[stack.count - 1].text += String(decoding: bytes[(index + 9)..<end], as: UTF8.self) }
                index = min(count, end + 3)
            } else if starts("<!--", at: index) {
                index = min(count, find("-->", from: index + 4) + 3)
            } else if starts("<?", at: index) {
                index = min(count, find("?>", from: index + 2) + 2)
            } else if starts("<!", at: index) {
                index = min(count, find(">", from: index + 2) + 1)
            } else {
                let end = find(">", from: index + 1)
                var tag = bytes[(index + 1)..<min(end, count)]
                index = min(count, end + 1)
                if tag.first == UInt8(ascii: "/") {
                    close()
                    continue
                }
                let selfClosing = tag.last == UInt8(ascii: "/")
                if selfClosing { tag = tag.dropLast() }
                let nameEnd = tag.firstIndex { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D } ?? tag.endIndex
                var name = String(decoding: tag[tag.startIndex..<nameEnd], as: UTF8.self)
                if let colon = name.lastIndex(of: ":") { name = String(name[name.index(after: colon)...]) }
                stack.append(S3XMLElement(name: name))
                if selfClosing { close() }
            }
        }
        while !stack.isEmpty { close() }
        return root
    }

    /// Decodes `&amp;` `&lt;` `&gt;` `&quot;` `&apos;` `&#NN;` `&#xNN;` in character data.
    static func decodeEntities(_ bytes: ArraySlice<UInt8>) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.contains("&") else { return text }
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            guard let semi = rest[amp...].firstIndex(of: ";"), rest.distance(from: amp, to: semi) <= 10 else {
                out += "&"
                rest = rest[rest.index(after: amp)...]
                continue
            }
            let entity = rest[rest.index(after: amp)..<semi]
            switch entity {
            case "amp": out += "&"
            case "lt": out += "<"
            case "gt": out += ">"
            case "quot": out += "\""
            case "apos": out += "'"
            default:
                var scalar: Unicode.Scalar?
                if entity.hasPrefix("#x") || entity.hasPrefix("#X") {
                    scalar = UInt32(entity.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
                } else if entity.hasPrefix("#") {
                    scalar = UInt32(entity.dropFirst(), radix: 10).flatMap(Unicode.Scalar.init)
                }
                if let scalar { out.unicodeScalars.append(scalar) } else { out += "&" + entity + ";" }
            }
            rest = rest[rest.index(after: semi)...]
        }
        return out + rest
    }

    /// Escapes `&`, `<`, `>`, `"` and `'` for use in element text or attribute values.
    ///
    /// - Parameter text: Raw text.
    /// - Returns: The escaped text.
    package static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(character)
            }
        }
        return out
    }
}
