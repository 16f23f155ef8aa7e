/// A native handler: Swift code a workflow step calls with `uses: <namespace>.<name>`.
///
/// Handlers are the seam between the engine (which knows nothing of AWS) and the
/// outside world. They are registered in one place (`HandlerRegistry`), take the
/// step's evaluated `with:` object and return an object of outputs, which later
/// steps read as `steps.<id>.outputs.<name>`.
public protocol Handler: Sendable {
    /// `namespace.name`, e.g. `core.render` or `aws.query-metrics`.
    var id: String { get }
    /// What the handler takes and gives, for `faber check`, `faber list` and docs.
    var signature: HandlerSignature { get }
    /// Runs the handler. `input` is the evaluated `with:` (always an object).
    /// Throw a `UserFacingError` for failures the user can act on.
    func run(_ input: Value, context: HandlerContext) async throws -> Value
}

extension Handler {
    /// The part of the id before the first dot: what a skill's `tools:` lists.
    public var namespace: String { HandlerRegistry.namespace(of: id) }
}

/// The inputs and outputs of a handler.
public struct HandlerSignature: Sendable {
    public struct Parameter: Sendable {
        public var name: String
        public var required: Bool
        public var description: String

        public init(_ name: String, required: Bool = false, _ description: String = "") {
            self.name = name
            self.required = required
            self.description = description
        }
    }

    public var summary: String
    public var inputs: [Parameter]
    public var outputs: [String]
    /// When true, `with:` keys outside `inputs` are allowed (e.g. free-form values).
    public var acceptsOtherInputs: Bool

    public init(summary: String, inputs: [Parameter], outputs: [String], acceptsOtherInputs: Bool = false) {
        self.summary = summary
        self.inputs = inputs
        self.outputs = outputs
        self.acceptsOtherInputs = acceptsOtherInputs
    }
}

/// Every native handler, by id. Built once at start-up; later issues add their
/// handler sets here without touching the engine.
public struct HandlerRegistry: Sendable {
    private var handlers: [String: any Handler] = [:]

    public init(_ handlers: [any Handler] = []) {
        for handler in handlers { register(handler) }
    }

    public mutating func register(_ handler: any Handler) {
        precondition(handlers[handler.id] == nil, "handler \(handler.id) registered twice")
        handlers[handler.id] = handler
    }

    public func handler(_ id: String) -> (any Handler)? { handlers[id] }
    public var ids: [String] { handlers.keys.sorted() }
    public var namespaces: Set<String> { Set(handlers.keys.map(HandlerRegistry.namespace(of:))) }

    public static func namespace(of id: String) -> String {
        String(id.split(separator: ".", maxSplits: 1).first ?? Substring(id))
    }
}
