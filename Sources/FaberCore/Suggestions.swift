/// Did-you-mean: the candidate closest to `word` by edit distance, if it is close enough.
public func suggestion(for word: String, among candidates: some Sequence<String>) -> String? {
    let lowered = word.lowercased()
    var best: (String, Int)?
    for candidate in candidates {
        let distance = editDistance(lowered, candidate.lowercased())
        let limit = max(2, candidate.count / 3)
        if distance <= limit, distance < (best?.1 ?? .max) {
            best = (candidate, distance)
        } else if best == nil, candidate.lowercased().hasPrefix(lowered), lowered.count >= 3 {
            best = (candidate, limit)
        }
    }
    return best?.0
}

/// `Did you mean 'x'?` or nil.
public func didYouMean(_ word: String, among candidates: some Sequence<String>, quote: String = "'") -> String? {
    suggestion(for: word, among: candidates).map { "did you mean \(quote)\($0)\(quote)?" }
}

/// Levenshtein distance over unicode scalars.
public func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.unicodeScalars)
    let b = Array(b.unicodeScalars)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}
