import FaberCore

/// The analysis handlers: they judge values the fetching handlers (aws.*) return, and know
/// nothing of AWS protocols. `registry.*` reads the deployment registry, `health.*` classifies,
/// `metrics.*` analyses series, `logs.*` groups log events into patterns, `incident.*` correlates, `remediation.*` assesses and records remediations, `audit.*` judges cost, security and compliance.
public enum OpsHandlers: HandlerModule {
    public static let handlers: [any Handler] = [
        LoadRegistryHandler(),
        ClassifyHealthHandler(),
        CombineHealthHandler(),
        AnalyzePerformanceHandler(),
        CorrelateIncidentHandler(),
        AssessRemediationHandler(),
        RecordRemediationHandler(),
        AuditHandler(),
        LogPatternsHandler(),
    ]
}
