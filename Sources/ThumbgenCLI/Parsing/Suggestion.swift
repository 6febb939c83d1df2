/// Finds the valid word closest to a misspelling, for "did you mean" hints.
enum Suggestion {
    /// The candidate with the smallest Levenshtein distance to `word`, if it is close enough:
    /// at most 2 edits, and fewer edits than half the word's length (so `-x` suggests nothing).
    ///
    /// - Returns: the candidate, or nil when none is close.
    static func closest(to word: String, in candidates: [String]) -> String? {
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(Array(word), Array(candidate))
            if distance < (best?.distance ?? .max) { best = (candidate, distance) }
        }
        guard let best, best.distance <= 2, best.distance * 2 < max(word.count, 2) + 1 else { return nil }
        return best.candidate
    }

    /// Levenshtein distance (insertions, deletions, substitutions each cost 1).
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
