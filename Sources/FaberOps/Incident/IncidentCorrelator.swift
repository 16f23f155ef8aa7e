import FaberCore
import FaberOpsModel

/// Correlates what happened to every resource of an environment in a window into an incident:
/// the timeline, the implicated resources, the root cause and its likely trigger. Deterministic;
/// the rules are in docs/incident-correlation.md:
///
/// 1. Every metric series is searched for sustained changes and spikes against its own baseline
///    (`AnomalyDetector`), and every point is judged against the health thresholds of its type.
/// 2. A resource is implicated by trouble: a threshold crossed (warning level or limit), a
///    sustained change the bad way far beyond its baseline (`incident.min_change_score` and
///    `min_relative_change`), an error log pattern that starts in the window, or a status
///    problem (gone, stopped, fewer tasks than desired). Traffic changes and spikes are context.
/// 3. Its onset is its earliest trouble: a bad change's start, the first crossing, the first event
///    of a new error pattern.
/// 4. The root cause is the implicated resource where the trouble started: the one that explains
///    the most (implicated resources that depend on it got into trouble within `cascade_minutes`
///    after it), then one with a threshold crossed, an error onset or a status problem over one
///    with a change alone, then the earliest onset; onsets within `tie_minutes` of it are
///    simultaneous, and then the dependency wins over what depends on it (the registry's
///    `depends_on`, else the type layers: API -> function/service -> database/bucket).
/// 5. A deployment or configuration change on the root cause, or on an implicated resource that
///    depends on it, within `trigger_minutes` before the onset is its likely trigger.
/// 6. Nothing implicated: no incident.
struct IncidentCorrelator: Sendable {
    var settings: AnalysisSettings
    var thresholds: HealthThresholds
    var start: Double
    var end: Double
    /// The environment's resources, and each by id for following `depends_on`.
    let refs: [ResourceRef]
    private let byID: [String: ResourceRef]
    /// Whether the registry says `depends_on` anywhere: then its graph, else the type layers.
    private let explicitDependencies: Bool

    init(settings: AnalysisSettings, thresholds: HealthThresholds, start: Double, end: Double, refs: [ResourceRef]) {
        self.settings = settings
        self.thresholds = thresholds
        self.start = start
        self.end = end
        self.refs = refs
        byID = Dictionary(refs.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        explicitDependencies = refs.contains { !$0.dependsOn.isEmpty }
    }

    /// The occurrences of one log pattern in one resource's log groups.
    struct PatternOccurrence: Sendable {
        var id: String
        var template: String
        var count: Int
        var first: Double
        var last: Double
        var example: String
    }

    struct Finding: Sendable {
        var ref: ResourceRef
        var signals: [IncidentSignal]
        var implicated: Bool { signals.contains { $0.implicates } }
        var severity: Int { signals.filter(\.implicates).map(\.severity).max() ?? 0 }
        /// The earliest time of its trouble; nil when it has none with a time.
        var onset: Double? {
            signals.filter { $0.implicates || ($0.kind == .change && $0.severity > 0) }.compactMap(\.time).min()
        }
    }

    struct Result: Sendable {
        var findings: [Finding]
        var root: Finding?
        var trigger: IncidentSignal?
        /// Traffic changes on the root cause or what depends on it before the onset.
        var traffic: [IncidentSignal]
    }

    func correlate(
        series: [String: ResourceSeries], statuses: [String: Value], logs: [String: [PatternOccurrence]], changes: [Value]
    ) throws -> Result {
        let findings = try refs.map { ref in
            var signals = try metricSignals(ref, series[ref.id], status: statuses[ref.id])
            signals += logSignals(ref, logs[ref.id] ?? [])
            signals += statusSignals(ref, statuses[ref.id])
            signals += changeSignals(ref, changes)
            return Finding(ref: ref, signals: signals)
        }
        let root = rootCause(findings)
        var trigger: IncidentSignal?
        var traffic: [IncidentSignal] = []
        if let root, let onset = root.onset {
            let upstream = findings.filter { $0.ref.id == root.ref.id || ($0.implicated && dependsOn($0.ref, root.ref)) }
            let window = (onset - settings.incident.triggerMinutes * 60)...onset
            trigger = upstream.flatMap { $0.signals.filter { $0.kind == .deployment } }
                .filter { $0.time.map(window.contains) ?? false }
                .max { ($0.time ?? 0) < ($1.time ?? 0) }
            let callers = findings.filter { $0.ref.id == root.ref.id || dependsOn($0.ref, root.ref) }
            traffic = callers.flatMap { $0.signals.filter { $0.kind == .context && $0.metric != nil && $0.count == nil } }
                .filter { $0.time.map(window.contains) ?? false && ($0.after ?? 0) > ($0.before ?? 0) }
        }
        return Result(findings: findings, root: root, trigger: trigger, traffic: traffic)
    }

    // MARK: - The root cause

    func rootCause(_ findings: [Finding]) -> Finding? {
        let implicated = findings.filter(\.implicated)
        guard !implicated.isEmpty else { return nil }
        let tie = settings.incident.tieMinutes * 60
        let cascade = settings.incident.cascadeMinutes * 60
        // How many implicated resources that depend on it got into trouble soon after it.
        func explained(_ candidate: Finding) -> Int {
            guard let onset = candidate.onset else { return 0 }
            return implicated.filter { other in
                guard let later = other.onset, other.ref.id != candidate.ref.id else { return false }
                return dependsOn(other.ref, candidate.ref) && later >= onset - tie && later <= onset + cascade
            }.count
        }
        // First what explains the most; then a crossed threshold, an error onset or a broken status
        // beats a change alone.
        let most = implicated.map(explained).max() ?? 0
        let tier = implicated.filter { explained($0) == most }
        let strongest = tier.map { min($0.severity, 2) }.max() ?? 0
        let explaining = tier.filter { min($0.severity, 2) == strongest }
        let timed = explaining.filter { $0.onset != nil }.sorted { $0.onset! < $1.onset! }
        guard let earliest = timed.first?.onset else {
            // Nothing with a time: the most severe, deepest resource.
            return explaining.sorted { a, b in
                a.severity != b.severity ? a.severity > b.severity : layer(a.ref) != layer(b.ref) ? layer(a.ref) > layer(b.ref) : a.ref.id < b.ref.id
            }.first
        }
        let tied = timed.filter { $0.onset! <= earliest + tie }
        // Among simultaneous onsets: the one the others depend on.
        return tied.sorted { a, b in
            let aUnderB = dependsOn(b.ref, a.ref)
            let bUnderA = dependsOn(a.ref, b.ref)
            if aUnderB != bUnderA { return aUnderB }
            if a.onset! != b.onset! { return a.onset! < b.onset! }
            if a.severity != b.severity { return a.severity > b.severity }
            return a.ref.id < b.ref.id
        }.first
    }

    func layer(_ ref: ResourceRef) -> Int { settings.incident.layers[ref.type.rawValue] ?? 1 }

    /// Whether `caller` calls `dependency`, directly or through others: the registry's
    /// `depends_on` when it has any, else the type layers (a shallower type calls a deeper one).
    func dependsOn(_ caller: ResourceRef, _ dependency: ResourceRef) -> Bool {
        guard caller.id != dependency.id else { return false }
        guard explicitDependencies else { return layer(caller) < layer(dependency) }
        var seen: Set<String> = [caller.id]
        var pending = caller.dependsOn
        while let next = pending.popLast() {
            if next == dependency.id { return true }
            guard seen.insert(next).inserted, let ref = byID[next] else { continue }
            pending += ref.dependsOn
        }
        return false
    }

    // MARK: - Signals

    private func metricSignals(_ ref: ResourceRef, _ resource: ResourceSeries?, status: Value?) throws -> [IncidentSignal] {
        guard let resource else { return [] }
        let rules = try thresholds.rules(for: ref.id, type: ref.type)
        let capacities = thresholds.capacities(details: status?["details"] ?? [:])
        var signals: [IncidentSignal] = []
        for series in resource.series where !series.points.isEmpty {
            let profile = resource.profile(series.name)
            var troubled = false
            for anomaly in resource.anomalies(series, settings: settings.anomalies) {
                let bad = profile.isBad(before: anomaly.before, after: anomaly.after)
                let verb = anomaly.after > anomaly.before ? "rose" : "fell"
                let before = format(anomaly.before, series)
                let after = format(anomaly.after, series)
                switch anomaly.kind {
                case .change where bad:
                    let strong =
                        anomaly.score >= settings.incident.minChangeScore
                        && (anomaly.before == 0 || abs(anomaly.after - anomaly.before) / abs(anomaly.before) >= settings.incident.minRelativeChange)
                    troubled = troubled || strong
                    signals.append(
                        IncidentSignal(
                            kind: .change, resource: ref.id, time: anomaly.time, text: "\(series.name) \(verb) from \(before) to \(after)",
                            implicates: strong, severity: 1, metric: series.name, unit: series.unit, before: anomaly.before, after: anomaly.after,
                            advice: profile.advice.map {
                                AnalyzePerformanceHandler.fill(
                                    $0, resource: ref, series: series, before: anomaly.before, after: anomaly.after, start: anomaly.time)
                            }))
                case .change:
                    let what = profile.role == .traffic ? " (traffic)" : ""
                    signals.append(
                        IncidentSignal(
                            kind: .context, resource: ref.id, time: anomaly.time, text: "\(series.name) \(verb) from \(before) to \(after)\(what)",
                            metric: series.name, unit: series.unit, before: anomaly.before, after: anomaly.after))
                case .spike where bad:
                    signals.append(
                        IncidentSignal(
                            kind: .context, resource: ref.id, time: anomaly.time, text: "\(series.name) spiked to \(after) (around \(before))",
                            metric: series.name, unit: series.unit, before: anomaly.before, after: anomaly.after, count: anomaly.width))
                case .spike:
                    break
                }
            }
            for rule in rules where rule.metric == series.name {
                guard let limit = rule.limit(capacities: capacities) else { continue }
                let crossing = thresholdSignals(ref, series, rule: rule, limit: limit)
                troubled = troubled || !crossing.isEmpty
                signals += crossing
            }
            if troubled, let first = series.points.first, let last = series.points.last {
                signals.append(
                    IncidentSignal(
                        kind: .level, resource: ref.id, time: max(first.time, start), text: "\(series.name) at \(format(first.value, series))",
                        metric: series.name, unit: series.unit, after: first.value))
                signals.append(
                    IncidentSignal(
                        kind: .level, resource: ref.id, time: last.time, text: "\(series.name) at \(format(last.value, series))",
                        metric: series.name, unit: series.unit, after: last.value))
            }
        }
        return signals
    }

    /// How many points in a row make a crossing: `points`, or fewer when the points are further
    /// apart than a minute, so that it lasts `points` minutes (one 5-minute point is enough).
    static func crossingLength(_ series: MetricSeries, points: Int) -> Int {
        let gaps = zip(series.points.dropFirst(), series.points).map { $0.time - $1.time }
        let spacing = Swift.max(60, Robust.median(gaps))
        let needed = Int((Double(points) * 60 / spacing).rounded(.up))
        return Swift.max(1, Swift.min(points, needed, series.points.count))
    }

    /// The first sustained crossing of the warning level and of the limit: `crossingPoints`
    /// points in a row past it (`crossingLength`), at the time of the first of them.
    private func thresholdSignals(_ ref: ResourceRef, _ series: MetricSeries, rule: HealthRule, limit: Double) -> [IncidentSignal] {
        var signals: [IncidentSignal] = []
        var worst: HealthStatus?
        let unit = rule.unit ?? series.unit
        let needed = Self.crossingLength(series, points: settings.incident.crossingPoints)
        let ranks = series.points.map { rule.judge($0.value, limit: limit)?.rank ?? -1 }
        for index in series.points.indices where index + 1 >= needed {
            // The level every one of the last `needed` points reached.
            let reached = ranks[(index + 1 - needed)...index].min()!
            guard reached >= 0, reached > (worst?.rank ?? -1), let level = HealthStatus.allCases.first(where: { $0.rank == reached }) else { continue }
            worst = level
            var from = index + 1 - needed
            while from > 0, ranks[from - 1] >= reached { from -= 1 }
            let first = series.points[from]
            let past =
                level == rule.exceeded
                ? "past its limit \(HealthClassifier.format(limit, unit: unit))"
                : "past its warning level \(HealthClassifier.format(rule.warningLevel(limit: limit), unit: unit))"
            let advice = rule.advice.map {
                AdviceText.fill(
                    $0,
                    [
                        "resource": ref.id, "name": ref.name, "type": ref.type.rawValue, "label": ref.label, "metric": rule.metric,
                        "value": HealthClassifier.format(first.value, unit: unit), "limit": HealthClassifier.format(limit, unit: unit), "reason": "",
                    ])
            }
            signals.append(
                IncidentSignal(
                    kind: .threshold, resource: ref.id, time: first.time,
                    text: "\(series.name) \(HealthClassifier.format(first.value, unit: unit)), \(past) (\(level.rawValue))", implicates: true,
                    severity: level == .unhealthy ? 3 : 2, metric: series.name, unit: unit, after: first.value, limit: limit, advice: advice))
            if level == rule.exceeded { break }
        }
        return signals
    }

    private func logSignals(_ ref: ResourceRef, _ patterns: [PatternOccurrence]) -> [IncidentSignal] {
        let margin = (end - start) * settings.incident.onsetMarginFraction
        // Only patterns that read as errors: a filter that matched more (or a source that
        // ignores filters) does not make INFO lines trouble.
        return patterns.filter(isError).map { pattern in
            let onset = pattern.first > start + margin
            let count = "\(pattern.count) event\(pattern.count == 1 ? "" : "s")"
            let text = onset ? "first \"\(pattern.template)\" (\(count))" : "\"\(pattern.template)\" already logged at the window's start (\(count))"
            return IncidentSignal(
                kind: .logs, resource: ref.id, time: onset ? pattern.first : start, text: text,
                implicates: onset && pattern.count >= settings.incident.minLogEvents, severity: 3, count: pattern.count,
                pattern: pattern.template, example: pattern.example)
        }
    }

    /// Whether a pattern's template holds one of the error terms (`incident.error_terms`) as a word.
    func isError(_ pattern: PatternOccurrence) -> Bool {
        let words = pattern.template.split { !$0.isLetter }.map(String.init)
        return settings.incident.errorTerms.contains { term in words.contains(term) }
    }

    private func statusSignals(_ ref: ResourceRef, _ status: Value?) -> [IncidentSignal] {
        guard let status, let state = status["status"]?.string, ["missing", "stopped", "degraded"].contains(state) else { return [] }
        let reason = status["reason"]?.string ?? state
        return [IncidentSignal(kind: .status, resource: ref.id, time: nil, text: reason, implicates: true, severity: 3)]
    }

    private func changeSignals(_ ref: ResourceRef, _ changes: [Value]) -> [IncidentSignal] {
        changes.compactMap { change in
            guard change["resource"]?.string == ref.id, let text = change["time"]?.string, let time = ISOTime.parse(text) else { return nil }
            let detail = change["detail"]?.string ?? change["kind"]?.string ?? "changed"
            return IncidentSignal(kind: .deployment, resource: ref.id, time: time.timeIntervalSince1970, text: detail)
        }
    }

    private func format(_ value: Double, _ series: MetricSeries) -> String { HealthClassifier.format(value, unit: series.unit) }
}
