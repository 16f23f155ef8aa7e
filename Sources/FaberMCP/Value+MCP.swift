import FaberCore
import Foundation
import MCP

/// faber's values and the protocol's, both ways (JSON either side; MCP's `data` is its base64 text).
extension FaberCore.Value {
    init(_ value: MCP.Value) {
        switch value {
        case .null: self = .null
        case .bool(let flag): self = .bool(flag)
        case .int(let number): self = .int(number)
        case .double(let number): self = .double(number)
        case .string(let text): self = .string(text)
        case .data(_, let data): self = .string(data.base64EncodedString())
        case .array(let items): self = .array(items.map(FaberCore.Value.init))
        case .object(let members):
            self = .object(OrderedDictionary(uniqueKeysWithValues: members.sorted { $0.key < $1.key }.map { ($0.key, FaberCore.Value($0.value)) }))
        }
    }

    var mcp: MCP.Value {
        switch self {
        case .null: .null
        case .bool(let flag): .bool(flag)
        case .int(let number): .int(number)
        case .double(let number): .double(number)
        case .string(let text): .string(text)
        case .array(let items): .array(items.map(\.mcp))
        case .object(let members): .object(Dictionary(uniqueKeysWithValues: members.map { ($0.key, $0.value.mcp) }))
        }
    }
}
