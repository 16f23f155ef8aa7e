import FaberAWSHandlers
import FaberCore
import FaberHandlers
import FaberOps

extension Runtime {
    /// The handler modules faber ships. A new module is one line here (and its target in
    /// Package.swift): docs/handlers.md.
    public static let installedModules: [any HandlerModule.Type] = [
        CoreHandlers.self,
        AWSHandlers.self,
        OpsHandlers.self,
    ]
}
