/// One page of a `FilterLogEvents` answer.
package struct FilterLogEventsPage: Sendable, Hashable, Decodable {
    /// The events, oldest first across streams (the request asks for interleaved results).
    package var events: [FilteredLogEvent]
    /// The token for the next page; nil (or absent) when this was the last page. A page
    /// may be empty and still carry a token: the search is not finished.
    package var nextToken: String?

    /// Creates a page.
    ///
    /// - Parameters:
    ///   - events: The events.
    ///   - nextToken: The continuation token.
    package init(events: [FilteredLogEvent], nextToken: String?) {
        self.events = events
        self.nextToken = nextToken
    }

    private enum CodingKeys: String, CodingKey { case events, nextToken }

    /// Decodes a page; a missing `events` array is an empty page.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        events = try container.decodeIfPresent([FilteredLogEvent].self, forKey: .events) ?? []
        nextToken = try container.decodeIfPresent(String.self, forKey: .nextToken)
        if nextToken?.isEmpty == true { nextToken = nil }
    }
}
