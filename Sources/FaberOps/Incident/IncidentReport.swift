import FaberCore
import FaberOpsModel

/// The correlation's result as investigate reports it: status, timeline, root cause with
/// evidence, affected resources, recommendations and a summary in words.
struct IncidentReport {
    var status: HealthStatus
    var timeline: [Value]
    var rootCause: Value
    var affected: [Value]
    var recommendations: [String]
    var summary: String

    /// At most this many recommendations.
    static let maxRecommendations = 8
    /// At most this many spikes of one metric on the timeline.
    static let maxSpikes = 3

    init(result: IncidentCorrelator.Result, correlator: IncidentCorrelator, services: [String]) {
        let service = services.isEmpty ? nil : services.joined(separator: ", ")
        let implicated = result.findings.filter(\.implicated)
        status = Self.status(implicated)
        guard let root = result.root else {
            timeline = Self.timeline(result.findings, root: nil, trigger: nil, correlator: correlator)
            rootCause = .null
            affected = []
            recommendations = []
            let scope = service.map { " for \($0) or anything else in the environment" } ?? ""
            summary =
                "No incident found\(scope): no resource crossed a threshold, shifted far beyond its own baseline, started logging new errors or lost its status in the window."
            return
        }
        let others = implicated.filter { $0.ref.id != root.ref.id }
        // Related: it depends on the root cause and its trouble followed it (within the cascade).
        func follows(_ finding: IncidentCorrelator.Finding) -> Bool {
            guard correlator.dependsOn(finding.ref, root.ref), let onset = finding.onset, let start = root.onset else { return false }
            return onset >= start - correlator.settings.incident.tieMinutes * 60 && onset <= start + correlator.settings.incident.cascadeMinutes * 60
        }
        let related = others.filter(follows)
        let unrelated = others.filter { !follows($0) }
        timeline = Self.timeline(result.findings, root: root, trigger: result.trigger, correlator: correlator)
        // In onset order; at the same time the deeper first (the function before the API in front of it).
        func earlier(_ a: IncidentCorrelator.Finding, _ b: IncidentCorrelator.Finding) -> Bool {
            let (x, y) = (a.onset ?? .infinity, b.onset ?? .infinity)
            if x != y { return x < y }
            if correlator.layer(a.ref) != correlator.layer(b.ref) { return correlator.layer(a.ref) > correlator.layer(b.ref) }
            return a.ref.id < b.ref.id
        }
        affected = (related.sorted(by: earlier) + unrelated.sorted(by: earlier)).map { finding in
            let impact = Self.worstFirst(finding.signals.filter(\.implicates)).prefix(2).map(\.text).joined(separator: "; ")
            return [
                "resource": .string(finding.ref.id),
                "type": .string(finding.ref.type.rawValue),
                "status": .string(Self.status([finding]).rawValue),
                "impact": .string(impact),
                "since": finding.onset.map { .string(ISOTime.string(epochSeconds: $0)) } ?? .null,
                "related": .bool(follows(finding)),
            ]
        }
        var evidence = Self.worstFirst(root.signals.filter { $0.implicates || $0.kind == .change }).map(Self.evidence)
        // What the resources that depend on it logged is evidence too ("connection timeout").
        evidence += related.flatMap { $0.signals.filter { $0.kind == .logs && $0.implicates } }.map(Self.evidence)
        var recommendations: [String] = []
        if let trigger = result.trigger, let time = trigger.time {
            recommendations.append(
                "Review the change to \(trigger.resource) at \(Self.clock(time)) (\(trigger.text)): the trouble started after it; roll it back if it is the cause"
            )
        }
        recommendations += Self.advice(root)
        recommendations += related.flatMap(Self.advice)
        recommendations += unrelated.flatMap(Self.advice)
        var seen = Set<String>()
        self.recommendations = Array(recommendations.filter { seen.insert($0).inserted }.prefix(Self.maxRecommendations))

        let lead = Self.lead(root)
        var text = "\(root.ref.id) (\(root.ref.label)) is where the trouble started: \(lead)"
        if let service, !services.contains(root.ref.id) { text = "The trouble of \(service) starts elsewhere. " + text }
        if let trigger = result.trigger, let time = trigger.time {
            text += "; likely triggered by a change to \(trigger.resource) at \(Self.clock(time)) (\(trigger.text))"
        }
        if let traffic = result.traffic.first, let time = traffic.time {
            text += "; before it, \(traffic.resource)'s \(traffic.text) at \(Self.clock(time))"
        }
        text += "."
        if !related.isEmpty {
            let names = related.sorted(by: earlier).map { finding in
                finding.onset.map { "\(finding.ref.id) (from \(Self.clock($0)))" } ?? finding.ref.id
            }
            text += " Affected after it: \(names.joined(separator: ", "))."
        }
        if !unrelated.isEmpty {
            text += " Also in trouble, not explained by it: \(unrelated.map(\.ref.id).joined(separator: ", "))."
        }
        summary = text
        rootCause = [
            "summary": .string(text),
            "resource": .string(root.ref.id),
            "type": .string(root.ref.type.rawValue),
            "onset": root.onset.map { .string(ISOTime.string(epochSeconds: $0)) } ?? .null,
            "evidence": .array(evidence),
            "trigger": result.trigger.map(Self.evidence) ?? .null,
        ]
    }

    /// UNHEALTHY when a limit was crossed or a status is broken; DEGRADED for any other trouble.
    static func status(_ findings: [IncidentCorrelator.Finding]) -> HealthStatus {
        let signals = findings.flatMap { $0.signals.filter(\.implicates) }
        guard !signals.isEmpty else { return .healthy }
        let broken = signals.contains { ($0.kind == .threshold || $0.kind == .status) && $0.severity >= 3 }
        return broken ? .unhealthy : .degraded
    }

    /// One recommendation per metric (its worst signal's) and per other signal, worst first.
    static func advice(_ finding: IncidentCorrelator.Finding) -> [String] {
        var metrics = Set<String>()
        return worstFirst(finding.signals).compactMap { signal in
            guard let advice = signal.advice else { return nil }
            if let metric = signal.metric, !metrics.insert(metric).inserted { return nil }
            return advice
        }
    }

    /// Signals most severe first, then in time order (a stable order otherwise).
    static func worstFirst(_ signals: [IncidentSignal]) -> [IncidentSignal] {
        signals.enumerated().sorted { a, b in
            if a.element.severity != b.element.severity { return a.element.severity > b.element.severity }
            let (x, y) = (a.element.time ?? .infinity, b.element.time ?? .infinity)
            return x != y ? x < y : a.offset < b.offset
        }.map(\.element)
    }

    /// The root cause's first trouble in words, and its worst when that came later.
    static func lead(_ root: IncidentCorrelator.Finding) -> String {
        let trouble = root.signals.filter { $0.implicates || ($0.kind == .change && $0.severity > 0) }
        guard let first = trouble.filter({ $0.time != nil }).min(by: { $0.time! < $1.time! }) ?? trouble.first else { return "no details" }
        var text = first.text + (first.time.map { " from \(clock($0))" } ?? "")
        if let worst = worstFirst(trouble.filter(\.implicates)).first, worst.severity > first.severity {
            text += "; " + worst.text + (worst.time.map { " at \(clock($0))" } ?? "")
        }
        return text
    }

    static func timeline(
        _ findings: [IncidentCorrelator.Finding], root: IncidentCorrelator.Finding?, trigger: IncidentSignal?, correlator: IncidentCorrelator
    ) -> [Value] {
        let order: [IncidentSignal.Kind] = [.level, .deployment, .context, .change, .threshold, .logs, .status]
        var entries: [(time: Double, rank: Int, signal: IncidentSignal)] = []
        for finding in findings {
            var spikes: [String: Int] = [:]
            for signal in finding.signals {
                if signal.kind == .context, signal.count != nil {
                    let metric = signal.metric ?? ""
                    spikes[metric, default: 0] += 1
                    if spikes[metric]! > maxSpikes { continue }
                }
                // Levels tell the story of the resources in trouble only.
                if signal.kind == .level && !finding.implicated { continue }
                entries.append((signal.time ?? correlator.end, order.firstIndex(of: signal.kind) ?? 0, signal))
            }
        }
        entries.sort { a, b in
            if a.time != b.time { return a.time < b.time }
            if a.rank != b.rank { return a.rank < b.rank }
            return a.signal.resource < b.signal.resource
        }
        return entries.map { entry in
            var event = entry.signal.text
            if let trigger, trigger.kind == entry.signal.kind, trigger.resource == entry.signal.resource, trigger.time == entry.signal.time {
                event = "likely trigger: " + event
            }
            if entry.signal.kind == .level { event = (entry.time <= correlator.start + 1 ? "at the start: " : "at the end: ") + event }
            return [
                "time": .string(ISOTime.string(epochSeconds: entry.time)),
                "clock": .string(clock(entry.time)),
                "resource": .string(entry.signal.resource),
                "kind": .string(entry.signal.kind.rawValue),
                "event": .string(event),
            ]
        }
    }

    static func evidence(_ signal: IncidentSignal) -> Value {
        func number(_ value: Double?) -> Value { value.map { .double(($0 * 10000).rounded() / 10000) } ?? .null }
        var entry: OrderedDictionary<String, Value> = [
            "kind": .string(signal.kind.rawValue),
            "resource": .string(signal.resource),
            "time": signal.time.map { .string(ISOTime.string(epochSeconds: $0)) } ?? .null,
            "text": .string(signal.text),
        ]
        if let metric = signal.metric {
            entry["metric"] = .string(metric)
            entry["unit"] = signal.unit.map { .string($0) } ?? .null
            entry["before"] = number(signal.before)
            entry["after"] = number(signal.after)
            if signal.limit != nil { entry["limit"] = number(signal.limit) }
        }
        if let pattern = signal.pattern {
            entry["pattern"] = .string(pattern)
            entry["count"] = signal.count.map { .int($0) } ?? .null
            entry["example"] = signal.example.map { .string($0) } ?? .null
        }
        return .object(entry)
    }

    /// `14:05` (UTC).
    static func clock(_ time: Double) -> String {
        let iso = ISOTime.string(epochSeconds: time)
        let start = iso.index(iso.startIndex, offsetBy: 11)
        return String(iso[start..<iso.index(start, offsetBy: 5)])
    }
}
