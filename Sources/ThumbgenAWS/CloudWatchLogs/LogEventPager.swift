/// Follows `nextToken` through the pages of one `FilterLogEvents` search.
///
/// Rules (Amazon CloudWatch Logs API Reference, "FilterLogEvents", `nextToken`): the search
/// is over when an answer has no token; a page may be empty and still carry a token (the
/// service stopped scanning early), which is not the end. A token the service already gave
/// in this search ends it instead of looping forever.
package enum LogEventPager {
    /// How a search ended.
    package enum Ending: Sendable, Hashable {
        /// An answer had no `nextToken`.
        case lastPage
        /// The service returned a token it had already returned in this search.
        case repeatedToken(String)
        /// `shouldStop` returned true between pages.
        case stopped
    }

    /// Fetches pages until the search ends, handing each page's events to `deliver`.
    ///
    /// - Parameters:
    ///   - fetch: Fetches the page after the given token (nil for the first page).
    ///   - shouldStop: Asked before each page; true ends the search (e.g. Ctrl-C).
    ///   - deliver: Receives each page's events, in order.
    /// - Returns: How the search ended.
    /// - Throws: ``AWSError`` from `fetch`.
    package static func run(
        fetch: (String?) throws(AWSError) -> FilterLogEventsPage,
        shouldStop: () -> Bool = { false },
        deliver: ([FilteredLogEvent]) -> Void
    ) throws(AWSError) -> Ending {
        var token: String?
        var seen: Set<String> = []
        while true {
            if shouldStop() { return .stopped }
            let page = try fetch(token)
            deliver(page.events)
            guard let next = page.nextToken else { return .lastPage }
            guard seen.insert(next).inserted else { return .repeatedToken(next) }
            token = next
        }
    }
}
