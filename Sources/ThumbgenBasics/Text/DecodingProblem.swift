import FoundationEssentials

/// Describes why a JSON answer could not be decoded, in the words of the document, for a
/// one-line user message: `field 'events[0].timestamp' is missing`, `field 'events' is not a
/// list`, `not JSON`. Never Swift's own `DecodingError` text (type names, coding paths,
/// "keyed decoding container").
package enum DecodingProblem {
    /// One short phrase for `error` (a `DecodingError` from `JSONDecoder`; anything else
    /// becomes `not in the expected shape`).
    ///
    /// - Parameter error: The error thrown by a decoder.
    /// - Returns: A phrase with no Swift type names, e.g. `field 'nextToken' is not a string`.
    package static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "not in the expected shape" }
        switch error {
        case .keyNotFound(let key, let context):
            return "field '\(path(context.codingPath + [key]))' is missing"
        case .valueNotFound(let type, let context):
            return "field '\(path(context.codingPath))' is null where \(kind(type)) is expected"
        case .typeMismatch(let type, let context):
            return context.codingPath.isEmpty ? "the document is not \(kind(type))" : "field '\(path(context.codingPath))' is not \(kind(type))"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "not JSON" : "field '\(path(context.codingPath))' has an unreadable value"
        @unknown default:
            return "not in the expected shape"
        }
    }

    /// `events[0].timestamp` for the coding path events → 0 → timestamp.
    static func path(_ keys: [any CodingKey]) -> String {
        var text = ""
        for key in keys {
            if let index = key.intValue, key.stringValue.hasPrefix("Index ") || key.stringValue == String(index) {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text.isEmpty ? "(top level)" : text
    }

    /// The JSON kind a Swift type is read from: `a string`, `a number`, `true or false`, `a list`, `an object`.
    static func kind(_ type: Any.Type) -> String {
        switch type {
        case is String.Type, is Substring.Type: return "a string"
        case is Bool.Type: return "true or false"
        case is Int.Type, is Int64.Type, is Int32.Type, is UInt.Type, is UInt64.Type, is UInt32.Type, is Double.Type, is Float.Type:
            return "a number"
        default:
            return String(describing: type).hasPrefix("Array<") ? "a list" : "an object"
        }
    }
}
