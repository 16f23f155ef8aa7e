/// One thing that happened to one resource in the investigated window: an event of the timeline,
/// and, when it is trouble, evidence against the resource.
struct IncidentSignal: Sendable {
    enum Kind: String, Sendable {
        /// A sustained change of a metric the bad way (before/after: the levels).
        case change
        /// The first point past a threshold's warning level or its limit.
        case threshold
        /// An error log pattern: first seen in the window (an onset), or already there at its start.
        case logs
        /// The resource's status now: gone, stopped, fewer tasks than desired.
        case status
        /// A deployment or configuration change (aws.get-changes).
        case deployment
        /// A change of traffic volume, or a spike: context, never a cause.
        case context
        /// A metric's level at the window's start or end, for the story.
        case level
    }

    var kind: Kind
    var resource: String
    /// Epoch seconds; nil when the signal has no time of its own (a status read now).
    var time: Double?
    var text: String
    /// Trouble: this signal implicates its resource.
    var implicates = false
    /// How bad: 3 a limit crossed, a status problem, an error log onset; 2 a warning level
    /// crossed; 1 a sustained change alone; 0 context.
    var severity = 0
    var metric: String?
    var unit: String?
    var before: Double?
    var after: Double?
    var limit: Double?
    var count: Int?
    var pattern: String?
    var example: String?
    /// The recommendation of the rule or profile behind the signal, filled in.
    var advice: String?
}
