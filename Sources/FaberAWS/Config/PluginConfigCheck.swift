import FaberCore
import Foundation

/// `faber check` of what the AWS layer reads from the plugin configuration files (each file the
/// `PluginConfiguration` loader would read). What faber reads from them must have the right type, so
/// that a mistake is reported instead of silently falling back to a
/// default (a `require_confirmation` of `"yes"` would otherwise leave a non-production environment unguarded):
///
/// - `environments` is an object of environments, each an object;
/// - `environments.<env>`: `region`, `profile` and `endpoint_url` are text (`endpoint_url` an http(s) URL),
///   `require_confirmation` is true or false (`null` means not set); other keys are warned about, with a
///   did-you-mean (only there: the top level may hold settings of other tools);
/// - `handlers.hosting.active`, `handlers.hosting.aws.region` and the `handlers.hosting.aws.profiles` are
///   text, `handlers.hosting.aws.timeout` is a number of seconds or a duration (`45s`, `2m`).
///
/// Every finding is located at `path:line:col` (of the value for a wrong type, of the key for an unknown key).
public enum PluginConfigCheck {
    /// The keys faber reads from `environments.<env>` (`FaberEnvironment`).
    public static let environmentKeys = ["region", "profile", "endpoint_url", "require_confirmation"]
    /// The findings of one file, read from `bytes`: the loader's own errors (`PluginConfiguration`),
    /// else the rules below.
    public static func check(path: String, bytes: [UInt8]) -> [Diagnostic] {
        do {
            return check(path: path, document: try PluginConfiguration.locatedDocument(bytes: bytes, path: path))
        } catch {
            return [FaberError(describing: error).diagnostic]
        }
    }

    /// The findings of one file that parsed as a JSON object (what `faber check` calls through
    /// `AWSHandlers.checkConfiguration`; the file's syntax is the runtime's to report).
    public static func check(path: String, document: LocatedJSONValue) -> [Diagnostic] {
        func at(_ value: LocatedJSONValue) -> SourceLocation { SourceLocation(path: path, line: value.line, column: value.column) }
        var result: [Diagnostic] = []
        if let environments = document["environments"] {
            result += checkEnvironments(environments, at: at)
        }
        result += checkHandlers(document, at: at)
        return result
    }

    private static func checkEnvironments(_ environments: LocatedJSONValue, at: (LocatedJSONValue) -> SourceLocation) -> [Diagnostic] {
        guard environments.isObject else {
            if case .null = environments.value { return [] }
            return [
                .error(
                    "'environments' must be an object of environments, not \(environments.kindText)", at: at(environments),
                    hint: #"write it as "environments": {"test": {"region": "us-east-1"}, "prod": {...}}"#)
            ]
        }
        var result: [Diagnostic] = []
        for entry in environments.members {
            let env = entry.key
            guard entry.value.isObject else {
                result.append(
                    .error(
                        "environment '\(env)' must be an object of settings, not \(entry.value.kindText)", at: at(entry.value),
                        hint: #"write it as "\#(env)": {"region": "...", "profile": "...", "endpoint_url": "...", "require_confirmation": true}"#))
                continue
            }
            for member in entry.value.members {
                let value = member.value
                switch member.key {
                case "region", "profile", "endpoint_url":
                    if case .null = value.value { continue }
                    guard case .string(let text) = value.value else {
                        result.append(
                            .error(
                                "'\(member.key)' of environment '\(env)' must be text, not \(value.kindText) (\(value.shownText))",
                                at: at(value), hint: textHint(member.key, value)))
                        continue
                    }
                    if member.key == "endpoint_url", !text.trimmingWhitespace().isEmpty {
                        do { _ = try AWSEndpoints.validated(text, from: "'endpoint_url' of environment '\(env)'") } catch let error as FaberError {
                            result.append(.error(error.message, at: at(value), hint: error.hint))
                        } catch {}
                    }
                case "require_confirmation":
                    if let problem = PluginConfiguration.requireConfirmationProblem(value, environment: env) {
                        result.append(.error(problem.message, at: at(value), hint: problem.hint))
                    }
                default:
                    let location = SourceLocation(path: at(value).path, line: member.keyLine, column: member.keyColumn)
                    result.append(
                        .warning(
                            "unknown key '\(member.key)' in environment '\(env)'", at: location,
                            hint: didYouMean(member.key, among: environmentKeys)
                                ?? "faber reads \(environmentKeys.joined(separator: ", ")) from an environment"))
                }
            }
        }
        return result
    }

    private static func textHint(_ key: String, _ value: LocatedJSONValue) -> String {
        let example = ["region": "us-east-1", "profile": "acme-prod", "endpoint_url": "http://127.0.0.1:5000"][key] ?? "..."
        return "write it in quotes, e.g. \"\(key)\": \"\(example)\""
    }

    private static func checkHandlers(_ document: LocatedJSONValue, at: (LocatedJSONValue) -> SourceLocation) -> [Diagnostic] {
        var result: [Diagnostic] = []
        func mustBeText(_ value: LocatedJSONValue?, _ name: String, example: String) {
            guard let value else { return }
            switch value.value {
            case .string, .null: return
            default:
                result.append(
                    .error(
                        "'\(name)' must be text, not \(value.kindText) (\(value.shownText))", at: at(value),
                        hint: "write it as \"\(name.split(separator: ".").last ?? "")\": \"\(example)\""))
            }
        }
        let hosting = document["handlers"]?["hosting"]
        mustBeText(hosting?["active"], "handlers.hosting.active", example: "aws")
        let aws = hosting?["aws"]
        mustBeText(aws?["region"], "handlers.hosting.aws.region", example: "us-east-1")
        if let profiles = aws?["profiles"] {
            if profiles.isObject {
                for member in profiles.members {
                    mustBeText(member.value, "handlers.hosting.aws.profiles.\(member.key)", example: "acme-prod")
                }
            } else if case .null = profiles.value {
            } else {
                result.append(
                    .error(
                        "'handlers.hosting.aws.profiles' must be an object, not \(profiles.kindText)", at: at(profiles),
                        hint: #"write it as "profiles": {"prod_deploy": "acme-prod"} (the AWS profile of each <env>_deploy)"#))
            }
        }
        if let timeout = aws?["timeout"] {
            if !timeout.value.isNull, AWSClients.timeoutSeconds(timeout.value) == nil {
                result.append(
                    .error(
                        "'handlers.hosting.aws.timeout' must be a number of seconds or a duration from 1ms to 1h, not \(timeout.shownText)",
                        at: at(timeout), hint: #"write it as "timeout": 45 or "timeout": "2m""#))
            }
        }
        return result
    }
}
