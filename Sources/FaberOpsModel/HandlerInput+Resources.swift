import FaberCore

/// Registry entries in a handler's `with:` object.
extension HandlerInput {
    /// Registry entries under `key` (list or registry map); nil when absent.
    public func resources(_ key: String = "resources") throws -> [ResourceRef]? {
        guard let item = value[key], !item.isNull else { return nil }
        return try ResourceRef.parseList(item, handler: handler, key: key)
    }

    public func requiredResources(_ key: String = "resources") throws -> [ResourceRef] {
        guard let refs = try resources(key) else {
            throw FaberError.usage(
                "\(handler): '\(key)' is required (registry entries {id, type, arn})",
                hint: "pass the registry's resources, e.g. steps.resources.outputs.resources")
        }
        return refs
    }

    /// One registry entry under `key`.
    public func resource(_ key: String = "resource") throws -> ResourceRef {
        guard let item = value[key], !item.isNull else {
            throw FaberError.usage("\(handler): '\(key)' is required (one registry entry {id, type, arn})")
        }
        if case .array(let items) = item {
            guard items.count == 1 else {
                throw FaberError.usage(
                    "\(handler): '\(key)' must be one registry entry, got a list of \(items.count)",
                    hint: "run the step once per resource (for_each) or pick one entry")
            }
            return try ResourceRef.parse(items[0], handler: handler, key: key)
        }
        return try ResourceRef.parse(item, handler: handler, key: key)
    }

}
