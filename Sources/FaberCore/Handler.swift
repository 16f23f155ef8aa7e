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
    /// `faber check` of the values a step writes as they are; see the default implementation.
    func check(literals: Value, skillDirectory: String, workspace: String) -> [HandlerCheckProblem]
}

/// A problem a handler finds in the values a step writes as they are (`faber check`).
public struct HandlerCheckProblem: Sendable {
    /// The input the problem is about (its value is where it is reported), or nil for the step.
    public var input: String?
    public var message: String
    public var hint: String?

    public init(input: String?, _ message: String, hint: String? = nil) {
        self.input = input
        self.message = message
        self.hint = hint
    }
}

extension Handler {
    /// What is wrong with the values a step writes as they are (`literals`: the `with:` entries
    /// without `${{ }}`), beyond their kinds: a template that does not exist, a file that is not
    /// there. `faber check` and `faber run` both report these before any step runs. Default: none.
    public func check(literals: Value, skillDirectory: String, workspace: String) -> [HandlerCheckProblem] { [] }

    /// The part of the id before the first dot: what a skill's `tools:` lists.
    public var namespace: String { HandlerRegistry.namespace(of: id) }
}

/// The inputs and outputs of a handler.
public struct HandlerSignature: Sendable {
    public struct Parameter: Sendable {
        public var name: String
        public var required: Bool
        public var description: String
        /// What values the input takes. `faber check` checks literal values in `with:`
        /// against it (values computed by `${{ }}` are the handler's to check when it runs).
        public var kind: Kind

        public init(_ name: String, required: Bool = false, _ kind: Kind = .any, _ description: String = "") {
            self.name = name
            self.required = required
            self.kind = kind
            self.description = description
        }
    }

    /// The kinds of value a handler input takes.
    public enum Kind: Sendable, Equatable {
        case any
        /// Text; numbers and true/false count as their text.
        case text
        case flag
        /// A whole number from `min` to `max`.
        case wholeNumber(min: Int, max: Int = Int.max)
        case list
        case object
        /// A list, or an object of entries (a registry's `resources` map).
        case listOrObject
        /// Text or a list of texts.
        case textOrList
        /// One of these words (any case).
        case oneOf([String])

        /// Why `value` is not of this kind, or nil when it is.
        public func problem(with value: Value) -> String? {
            switch self {
            case .any:
                return nil
            case .text:
                return value.array != nil || value.object != nil || value.isNull ? "must be text, got \(value.describedForError)" : nil
            case .flag:
                return value.bool == nil ? "must be true or false, got \(value.describedForError)" : nil
            case .wholeNumber(let min, let max):
                let range = max == Int.max ? "of \(min) or more" : "from \(min) to \(max)"
                guard let number = value.int, value.double == Double(number), (min...max).contains(number) else {
                    return "must be a whole number \(range), got \(value.describedForError)"
                }
                return nil
            case .list:
                return value.array == nil ? "must be a list, got \(value.describedForError)" : nil
            case .object:
                return value.object == nil ? "must be an object ({key: value}), got \(value.describedForError)" : nil
            case .listOrObject:
                return value.array == nil && value.object == nil ? "must be a list or an object, got \(value.describedForError)" : nil
            case .textOrList:
                return value.object != nil || value.isNull ? "must be text or a list, got \(value.describedForError)" : nil
            case .oneOf(let words):
                guard let text = value.string, words.contains(where: { $0.caseInsensitiveCompare(text) == .orderedSame }) else {
                    return "must be one of \(words.joined(separator: ", ")), got \(value.describedForError)"
                }
                return nil
            }
        }
    }

    public var summary: String
    public var inputs: [Parameter]
    public var outputs: [String]
    /// When true, `with:` keys outside `inputs` are allowed (e.g. free-form values).
    public var acceptsOtherInputs: Bool
    /// True for handlers that change live resources (restart, scale). In an environment that
    /// requires confirmation the engine makes sure the run was confirmed before such a step.
    public var changesResources: Bool
    /// The input that names the environment the handler acts in (`env` for the aws.* handlers).
    /// For a handler that changes resources, the engine reads the environment from it, else from
    /// the run's `--env`; when neither names one, the step is refused (the guard fails closed).
    public var environmentInput: String?

    public init(
        summary: String, inputs: [Parameter], outputs: [String], acceptsOtherInputs: Bool = false,
        changesResources: Bool = false, environmentInput: String? = "env"
    ) {
        self.summary = summary
        self.inputs = inputs
        self.outputs = outputs
        self.acceptsOtherInputs = acceptsOtherInputs
        self.changesResources = changesResources
        self.environmentInput = environmentInput
    }

    /// Why the inputs in `input` do not have the kinds this signature declares (the same messages
    /// `faber check` gives for literal values), each as `(input name, problem)`.
    public func inputProblems(_ input: Value) -> [(name: String, problem: String)] {
        inputs.compactMap { parameter in
            guard let value = input[parameter.name], !value.isNull, let problem = parameter.kind.problem(with: value) else { return nil }
            return (parameter.name, problem)
        }
    }
}

/// Every native handler, by id. Built once at start-up from the installed `HandlerModule`s.
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

extension Value {
    /// A short form for "got ..." in messages: scalars as JSON, collections by their type.
    var describedForError: String {
        switch self {
        case .array: "a list"
        case .object: "an object"
        case .null: "nothing (null)"
        default: jsonString()
        }
    }
}
