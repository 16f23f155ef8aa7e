/// A set of native handlers that ships together (a target such as FaberHandlers or
/// FaberAWSHandlers): the one place a module tells faber what it brings. A front end installs
/// modules by listing them once (`Runtime.installedModules`); nothing else needs to know them.
///
/// ```swift
/// public enum OpsHandlers: HandlerModule {
///     public static let handlers: [any Handler] = [ClassifyHealthHandler()]
/// }
/// ```
public protocol HandlerModule: SendableMetatype {
    /// The module's handlers; their ids name their namespace (`health.classify`).
    static var handlers: [any Handler] { get }
    /// `faber check` of the module's settings in one plugin configuration file (its config
    /// schema), which has already parsed as a JSON object. Findings are located in `path`.
    static func checkConfiguration(path: String, document: LocatedJSONValue) -> [Diagnostic]
}

extension HandlerModule {
    public static func checkConfiguration(path: String, document: LocatedJSONValue) -> [Diagnostic] { [] }
}

extension HandlerRegistry {
    /// The handlers of `modules`, each registered once.
    public init(modules: [any HandlerModule.Type]) {
        self.init(modules.flatMap { $0.handlers })
    }
}
