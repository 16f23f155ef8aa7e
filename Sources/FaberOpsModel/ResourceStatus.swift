import FaberCore

/// The state of one resource, as `aws.get-resource-status` reports it.
public struct ResourceStatus: Sendable {
    /// The normalised status every type maps to.
    public enum Status: String, Sendable {
        case available, degraded, stopped, missing, unknown
    }

    public var ref: ResourceRef
    public var status: Status
    /// The raw AWS state string (`Active`, `ACTIVE`, `available`, ...); nil for types without one (S3, API Gateway).
    public var state: String?
    /// Type-specific facts (ECS task counts, Lambda runtime, RDS engine, ...).
    public var details: OrderedDictionary<String, Value>
    /// Why the status is not `available`, or a note; nil when there is nothing to say.
    public var reason: String?

    public init(_ ref: ResourceRef, _ status: Status, state: String?, details: OrderedDictionary<String, Value> = [:], reason: String? = nil) {
        self.ref = ref
        self.status = status
        self.state = state
        self.details = details
        self.reason = reason
    }

    /// A registry entry whose resource is gone from AWS.
    public static func missing(_ ref: ResourceRef, region: String) -> ResourceStatus {
        ResourceStatus(
            ref, .missing, state: nil,
            reason: "registry drift: \(ref.type.rawValue) \(ref.name) not found in \(region)")
    }

    /// `{id, type, arn, name, status, state, details, reason}`
    public var value: Value {
        [
            "id": .string(ref.id),
            "type": .string(ref.type.rawValue),
            "arn": .string(ref.arn),
            "name": .string(ref.name),
            "status": .string(status.rawValue),
            "state": state.map { .string($0) } ?? .null,
            "details": .object(details),
            "reason": reason.map { .string($0) } ?? .null,
        ]
    }
}

extension Value {
    /// `.string` for a present text, `.null` otherwise.
    public static func text(_ text: String?) -> Value { text.map { .string($0) } ?? .null }
    /// `.int` for a present number, `.null` otherwise.
    public static func number(_ number: Int?) -> Value { number.map { .int($0) } ?? .null }
}
