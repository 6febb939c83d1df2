/// The shared config/credentials file format of the AWS CLI (`~/.aws/config`,
/// `~/.aws/credentials`): `[section]` headers, `key = value` lines, `#` and `;` comments.
/// Indented lines below `key =` (nested settings such as `s3 =\n  addressing_style = path`)
/// are skipped. Source: AWS CLI User Guide, "Configuration and credential file settings".
package struct AWSIniFile: Sendable, Hashable {
    /// Settings per section name, keys lower-cased, values trimmed; later duplicates win.
    package var sections: [String: [String: String]]

    /// Parses file contents; malformed lines are ignored, as the AWS CLI's parser does.
    ///
    /// - Parameter text: The file's contents (UTF-8).
    package init(parsing text: String) {
        var sections: [String: [String: String]] = [:]
        var current: String?
        for rawLine in text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            if let first = rawLine.first, first == " " || first == "\t" { continue }
            let line = Self.trim(rawLine)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") {
                guard let close = line.firstIndex(of: "]") else { current = nil; continue }
                let name = Self.trim(line[line.index(after: line.startIndex)..<close])
                current = name
                if sections[name] == nil { sections[name] = [:] }
                continue
            }
            guard let section = current, let equals = line.firstIndex(of: "=") else { continue }
            let key = Self.trim(line[..<equals]).lowercased()
            var value = Self.trim(line[line.index(after: equals)...])
            // An inline comment needs whitespace before `#` or `;`.
            if let hash = value.firstRange(of: " #") ?? value.firstRange(of: " ;") {
                value = Self.trim(value[..<hash.lowerBound])
            }
            sections[section, default: [:]][key] = value
        }
        self.sections = sections
    }

    /// The settings of section `name`, or nil when the file has no such section.
    package subscript(section name: String) -> [String: String]? { sections[name] }

    static func trim<S: StringProtocol>(_ text: S) -> String {
        String(text.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
