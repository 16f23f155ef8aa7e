/// Runs async work over a list with at most `limit` tasks at once, keeping the input order.
/// The AWS client's per-API rate limiter still applies; this only bounds what one handler starts.
public enum BoundedConcurrency {
    public static func map<Item: Sendable, Result: Sendable>(
        _ items: [Item], limit: Int = 8, _ transform: @escaping @Sendable (Item) async throws -> Result
    ) async throws -> [Result] {
        if items.count <= 1 { return try await items.asyncMap(transform) }
        return try await withThrowingTaskGroup(of: (Int, Result).self) { group in
            var results = [Result?](repeating: nil, count: items.count)
            var next = 0
            for _ in 0..<min(limit, items.count) {
                let index = next
                group.addTask { (index, try await transform(items[index])) }
                next += 1
            }
            while let (index, result) = try await group.next() {
                results[index] = result
                if next < items.count {
                    let index = next
                    group.addTask { (index, try await transform(items[index])) }
                    next += 1
                }
            }
            return results.map { $0! }
        }
    }
}

extension Array where Element: Sendable {
    public func asyncMap<T>(_ transform: (Element) async throws -> T) async throws -> [T] {
        var out: [T] = []
        out.reserveCapacity(count)
        for item in self { out.append(try await transform(item)) }
        return out
    }

    /// Consecutive slices of at most `size` elements.
    public func chunked(_ size: Int) -> [[Element]] {
        stride(from: 0, to: count, by: size).map { Array(self[$0..<Swift.min($0 + size, count)]) }
    }
}
