import FaberCore
import FaberOpsModel

/// What a Lambda function's invocations used, from its `REPORT RequestId: ... Billed Duration: 12
/// ms Memory Size: 512 MB Max Memory Used: 80 MB` log lines: the configured memory, the most any
/// invocation used, and the billed GB-seconds of the invocations read.
struct LambdaMemoryUse: Sendable, Equatable {
    var memoryMB: Double
    var maxUsedMB: Double
    var invocations: Int
    var billedGBSeconds: Double

    /// Per registry id, from aws.query-logs events (`message`, `log_group`) and its `groups_by_resource`.
    static func read(events: [Value], groups: Value?) -> [String: LambdaMemoryUse] {
        var owner: [String: String] = [:]
        for (id, names) in groups?.object ?? [:] {
            for name in names.array ?? [] { if let name = name.string { owner[name] = id } }
        }
        var uses: [String: LambdaMemoryUse] = [:]
        for event in events {
            guard let group = event["log_group"]?.string, let id = owner[group], let message = event["message"]?.string,
                let size = number(after: "Memory Size:", in: message), let used = number(after: "Max Memory Used:", in: message)
            else { continue }
            let billed = number(after: "Billed Duration:", in: message) ?? 0
            var use = uses[id] ?? LambdaMemoryUse(memoryMB: size, maxUsedMB: 0, invocations: 0, billedGBSeconds: 0)
            use.memoryMB = size
            use.maxUsedMB = max(use.maxUsedMB, used)
            use.invocations += 1
            use.billedGBSeconds += billed / 1000 * size / 1024
            uses[id] = use
        }
        return uses
    }

    /// The number after `label` (`Memory Size: 512 MB` -> 512).
    static func number(after label: String, in text: String) -> Double? {
        guard let range = text.range(of: label) else { return nil }
        let rest = text[range.upperBound...].drop { $0 == " " }
        return Double(String(rest.prefix { $0.isNumber || $0 == "." }))
    }

    /// The memory to configure: 1.5 times the most used, rounded up to 64 MB, at least 128 MB.
    var recommendedMB: Double { max(128, ((maxUsedMB * 1.5) / 64).rounded(.up) * 64) }
}
