/// A series drawn in one line of block characters (▁▂▃▄▅▆▇█), lowest to highest over its own
/// range, so that a person sees its shape at a glance. At most `width` characters: longer series
/// are averaged into that many buckets.
enum Sparkline {
    static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    static func line(_ values: [Double], width: Int = 48) -> String {
        guard !values.isEmpty, width > 0 else { return "" }
        var buckets = values
        if values.count > width {
            buckets = (0..<width).map { bucket in
                let from = bucket * values.count / width
                let to = Swift.max(from + 1, (bucket + 1) * values.count / width)
                let slice = values[from..<to]
                return slice.reduce(0, +) / Double(slice.count)
            }
        }
        let low = buckets.min()!
        let high = buckets.max()!
        guard high > low else { return String(repeating: blocks[0], count: buckets.count) }
        return String(
            buckets.map { value in
                let level = Int(((value - low) / (high - low) * Double(blocks.count - 1)).rounded())
                return blocks[Swift.min(blocks.count - 1, Swift.max(0, level))]
            })
    }
}
