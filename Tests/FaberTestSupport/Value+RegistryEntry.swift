import FaberCore

extension Value {
    /// A registry entry `{id, type, arn}`, as registry.load gives it to the handlers.
    public static func registryEntry(_ id: String, _ type: String, _ arn: String) -> Value {
        ["id": .string(id), "type": .string(type), "arn": .string(arn)]
    }
}
