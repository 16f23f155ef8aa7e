import FaberCore
import FaberOpsModel

/// Right-sizing and other savings from the period's measured utilisation (docs/audit.md):
/// - an RDS instance under `rds_cpu_below` % CPU (average) and `rds_memory_used_below` % of its
///   class's memory used: one class down; an RDS class with a Graviton counterpart: that class;
/// - an ECS service under `ecs_cpu_below` % CPU and `ecs_memory_below` % memory of what it
///   reserves: tasks of half the size, priced at Fargate's vCPU-hour and GB-hour (the task size
///   read from its task definition);
/// - Lambda on x86: arm64 (Graviton2), the price table's discount on the Lambda bill;
/// - a Lambda function whose invocations used under `lambda_memory_used_below` % of its memory
///   (its REPORT log lines): 1.5 times the most used, priced by the billed GB-seconds read, scaled
///   to a month;
/// - an S3 bucket above `s3_tiering_above_gb`: Intelligent-Tiering, assuming half its data goes
///   to the infrequent tier.
struct AuditSizing: Sendable {
    var rules: Value
    var pricing: AuditPricing

    func limit(_ key: String, _ fallback: Double) -> Double { rules[key]?.double ?? fallback }

    func opportunities(
        refs: [ResourceRef], statuses: [String: Value], metrics: Value, cost: Value?, memory: [String: LambdaMemoryUse] = [:],
        periodDays: Double = 14
    ) -> [AuditOpportunity] {
        var result: [AuditOpportunity] = []
        for ref in refs where ref.type == .lambda {
            guard let use = memory[ref.id], use.maxUsedMB < use.memoryMB * limit("lambda_memory_used_below", 40) / 100, use.recommendedMB < use.memoryMB
            else { continue }
            let perMonth = use.billedGBSeconds * (30 / max(periodDays, 1))
            let saving = pricing.number("lambda_gb_second").map { perMonth * (1 - use.recommendedMB / use.memoryMB) * $0 }
            result.append(
                AuditOpportunity(
                    title: "Lower the memory of Lambda function \(ref.name)", resource: ref.id, current: "\(Int(use.memoryMB)) MB",
                    recommended: "\(Int(use.recommendedMB)) MB",
                    monthlySavings: saving,
                    reason:
                        "its invocations used at most \(Int(use.maxUsedMB)) MB of \(Int(use.memoryMB)) MB (\(use.invocations) REPORT lines read); memory also sets its CPU share, so check the duration after the change",
                    group: "\(ref.id)-memory"))
        }
        for ref in refs {
            let details = statuses[ref.id]?["details"] ?? [:]
            let measured = metrics[ref.id] ?? [:]
            switch ref.type {
            case .rdsInstance:
                result += rds(ref, details: details, metrics: measured)
            case .ecsService:
                let cpu = measured["CPUUtilization"]?["avg"]?.double
                let memory = measured["MemoryUtilization"]?["avg"]?.double
                if let cpu, let memory, cpu < limit("ecs_cpu_below", 20), memory < limit("ecs_memory_below", 30) {
                    result.append(ecs(ref, details: details, cpu: cpu, memory: memory))
                }
            case .s3Bucket:
                guard let bytes = measured["BucketSizeBytes"]?["latest"]?.double else { continue }
                let gigabytes = bytes / Double(1 << 30)
                guard gigabytes > limit("s3_tiering_above_gb", 100), let standard = pricing.number("s3_standard_gb_month"),
                    let infrequent = pricing.number("s3_infrequent_gb_month")
                else { continue }
                result.append(
                    AuditOpportunity(
                        title: "Enable S3 Intelligent-Tiering on \(ref.name)", resource: ref.id, current: "\(Int(gigabytes)) GB in S3 Standard",
                        recommended: "Intelligent-Tiering (objects not read for 30 days move to the infrequent tier)",
                        monthlySavings: gigabytes / 2 * (standard - infrequent),
                        reason: "a large bucket; the estimate assumes half its data is read less than once a month", group: ref.id))
            case .lambda, .apiGateway:
                continue
            }
        }
        let functions = refs.filter { $0.type == .lambda && statuses[$0.id]?["status"]?.string != "missing" }
        if !functions.isEmpty, let discount = pricing.number("lambda_arm_discount") {
            let bill = (cost?["by_service"]?.array ?? []).first { $0["service"]?.string?.contains("Lambda") == true }?["cost"]?.double
            result.append(
                AuditOpportunity(
                    title: "Run Lambda functions on arm64 (Graviton2)", resource: functions.map(\.id).joined(separator: ", "),
                    current: "x86_64", recommended: "arm64 (rebuild native dependencies for it)",
                    monthlySavings: bill.map { $0 * discount },
                    reason:
                        "arm64 costs about \(Int(discount * 100))% less per GB-second for the same work\(bill == nil ? " (no Lambda cost read to price it)" : "")",
                    group: "lambda-arm64"))
        }
        return result
    }

    /// Tasks of half the size, priced at Fargate's vCPU-hour and GB-hour when the task size is known.
    private func ecs(_ ref: ResourceRef, details: Value, cpu: Double, memory: Double) -> AuditOpportunity {
        let tasks = details["desired"]?.int ?? 0
        let units = details["task_cpu"]?.int
        let mebibytes = details["task_memory"]?.int
        let perTask =
            (units.map { Double($0) / 1024 * (pricing.number("fargate_vcpu_hour") ?? 0) } ?? 0)
            + (mebibytes.map { Double($0) / 1024 * (pricing.number("fargate_gb_hour") ?? 0) } ?? 0)
        let known = (units != nil || mebibytes != nil) && tasks > 0
        let size = [units.map { "\($0) CPU units" }, mebibytes.map { "\($0) MiB" }].compactMap { $0 }.joined(separator: ", ")
        let half = [units.map { "\(max(256, $0 / 2)) CPU units" }, mebibytes.map { "\(max(512, $0 / 2)) MiB" }].compactMap { $0 }
            .joined(separator: ", ")
        return AuditOpportunity(
            title: "Right-size ECS service \(ref.name)", resource: ref.id,
            current: "\(tasks) tasks\(size.isEmpty ? "" : " of \(size)") at \(Self.percent(cpu)) CPU, \(Self.percent(memory)) memory",
            recommended: known ? "tasks of \(half) (Fargate sizes permitting)" : "half the task CPU and memory, or fewer tasks",
            monthlySavings: known ? Double(tasks) * perTask * pricing.hoursPerMonth / 2 : nil,
            reason: "CPU utilisation \(Self.percent(cpu)) and memory \(Self.percent(memory)) of what the tasks reserve, on average over the period",
            group: ref.id)
    }

    private func rds(_ ref: ResourceRef, details: Value, metrics: Value) -> [AuditOpportunity] {
        guard let instanceClass = details["class"]?.string, let info = pricing.rdsClass(instanceClass) else { return [] }
        var result: [AuditOpportunity] = []
        let current = pricing.rdsMonthly(instanceClass)
        let cpu = metrics["CPUUtilization"]?["avg"]?.double
        let free = metrics["FreeableMemory"]?["avg"]?.double
        let memoryGiB = info["memory_gib"]?.double
        let used = zip2(free, memoryGiB).map { free, total in max(0, (1 - free / (total * Double(1 << 30))) * 100) }
        if let down = info["down"]?.string, let cpu, let used, cpu < limit("rds_cpu_below", 25), used < limit("rds_memory_used_below", 40) {
            let smaller = pricing.rdsMonthly(down)
            result.append(
                AuditOpportunity(
                    title: "Right-size RDS instance \(ref.name)", resource: ref.id, current: Self.priced(instanceClass, current),
                    recommended: Self.priced(down, smaller), monthlySavings: zip2(current, smaller).map { $0 - $1 },
                    reason:
                        "CPU utilisation \(Self.percent(cpu)) and memory used \(Self.percent(used)) on average over the period (limits \(Self.percent(limit("rds_cpu_below", 25))), \(Self.percent(limit("rds_memory_used_below", 40))))",
                    group: ref.id))
        }
        if let graviton = info["graviton"]?.string {
            let arm = pricing.rdsMonthly(graviton)
            result.append(
                AuditOpportunity(
                    title: "Move RDS instance \(ref.name) to Graviton", resource: ref.id, current: Self.priced(instanceClass, current),
                    recommended: Self.priced(graviton, arm), monthlySavings: zip2(current, arm).map { $0 - $1 },
                    reason: "the same size on arm64 costs less for the engines RDS offers on Graviton (PostgreSQL, MySQL, MariaDB)",
                    group: ref.id))
        }
        return result
    }

    static func priced(_ name: String, _ monthly: Double?) -> String {
        monthly.map { "\(name) ($\(String(format: "%.2f", $0))/month)" } ?? name
    }

    static func percent(_ value: Double) -> String { String(format: "%.0f%%", value) }
}

/// Both values, or nil.
private func zip2<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
    guard let a, let b else { return nil }
    return (a, b)
}
