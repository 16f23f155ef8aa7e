import FaberCore
import FaberOpsModel
import Foundation

/// `registry.load`: the deployed resources of an environment, from its `registry.json`
/// (`{"environment": "prod", "resources": {id: {type, arn}} | [{id, type, arn}]}`), optionally
/// narrowed to one `service`. Every entry is checked (type, ARN) at its place in the file.
struct LoadRegistryHandler: Handler {
    let id = "registry.load"

    let signature = HandlerSignature(
        summary: "The resources of an environment's deployment registry (registry.json), optionally one service",
        inputs: [
            .init("path", required: true, .text, "the registry file, relative to the workspace"),
            .init("env", required: true, .text, "the environment the registry is for (checked against its 'environment')"),
            .init("service", .textOrList, "only this resource id (or these ids)"),
            .init("narrow", .flag, "false: check that the services are in the registry, and still return every resource (default true)"),
        ],
        outputs: ["resources", "count", "environment", "path"], environmentInput: nil)

    func run(_ input: Value, context: HandlerContext) async throws -> Value {
        let with = HandlerInput(input, handler: id)
        let relative = try with.requiredString("path", "the registry file")
        let env = try with.environment()
        let services = (try with.stringList("service") ?? []).filter { !$0.isEmpty }
        guard !env.contains("/"), !env.hasPrefix(".") else {
            throw FaberError(.usage, "'\(env)' is not an environment name", hint: "use a name such as test or prod", code: "unknown-environment")
        }
        // An environment config.json does not define is a typo to say as such, before any file is read.
        _ = try context.configuration.environment(env)
        guard !relative.split(separator: "/").contains("..") else {
            throw FaberError(.invalidSpec, "\(id): the registry path '\(relative)' leaves the workspace", at: context.stepLocation)
        }
        let path = context.workspacePath(relative)
        var resources = try Registry.load(path: path, shownPath: relative, environment: env)
        if !services.isEmpty {
            let all = resources
            resources = try services.map { service in
                guard let match = all.first(where: { $0.id == service }) else {
                    let ids = all.map(\.id)
                    throw FaberError(
                        .usage, "no service '\(service)' in the \(env) registry (\(relative))",
                        hint: (didYouMean(service, among: ids).map { "\($0) " } ?? "") + "services: \(ids.joined(separator: ", "))",
                        code: "unknown-service")
                }
                return match
            }
            if input["narrow"]?.bool == false { resources = all }
        }
        return [
            "resources": .array(resources.map(\.entry)),
            "count": .int(resources.count),
            "environment": .string(env),
            "path": .string(relative),
        ]
    }
}
