import FaberCore

/// Typed access to a handler's `with:` object; every error names the handler and the key. The
/// engine has already checked each input against the kind its handler's signature declares.
public struct HandlerInput: Sendable {
    public let handler: String
    public let value: Value

    public init(_ value: Value, handler: String) {
        self.handler = handler
        self.value = value
    }

    public func has(_ key: String) -> Bool {
        guard let item = value[key] else { return false }
        return !item.isNull
    }

    /// `env`: the environment of config.json whose region, profile and endpoint are used.
    public func environment() throws -> String {
        guard let env = try string("env"), !env.isEmpty else {
            throw FaberError.usage(
                "\(handler): 'env' is required (an environment of config.json, e.g. test)",
                hint: "add `env: ${{ inputs.env }}` to the step's with:")
        }
        return env
    }

    public func string(_ key: String) throws -> String? {
        guard let item = value[key], !item.isNull else { return nil }
        switch item {
        case .string(let text): return text
        case .int, .double, .bool: return item.interpolated
        default: throw typeError(key, expected: "a string", got: item)
        }
    }

    public func requiredString(_ key: String, _ description: String) throws -> String {
        guard let text = try string(key), !text.isEmpty else {
            throw FaberError.usage("\(handler): '\(key)' is required (\(description))")
        }
        return text
    }

    public func int(_ key: String) throws -> Int? {
        guard let item = value[key], !item.isNull else { return nil }
        guard let number = item.int else { throw typeError(key, expected: "a whole number", got: item) }
        return number
    }

    /// A list of strings; a single string counts as a list of one.
    public func stringList(_ key: String) throws -> [String]? {
        guard let item = value[key], !item.isNull else { return nil }
        if let text = item.string { return text.split(separator: ",").map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty } }
        guard let items = item.array else { throw typeError(key, expected: "a list of strings", got: item) }
        return try items.map { element in
            guard let text = element.string ?? (element.int.map(String.init)) else {
                throw typeError(key, expected: "a list of strings", got: element)
            }
            return text
        }
    }

    /// A duration such as `1h`, `30m`, `7d`.
    public func duration(_ key: String, default fallback: String) throws -> (text: String, seconds: Double) {
        let text = try string(key) ?? fallback
        guard let seconds = DurationText.seconds(text), seconds > 0 else {
            throw FaberError.usage("\(handler): '\(key)' must be a duration such as 30m, 1h, 24h or 7d, got '\(text)'")
        }
        return (text, seconds)
    }

    func typeError(_ key: String, expected: String, got: Value) -> FaberError {
        FaberError.usage("\(handler): '\(key)' must be \(expected), got \(English.withArticle(got.typeName))")
    }
}
