/// One element of an XML document, as AWS query, ec2 and rest-xml responses are read.
///
/// Names are local names: a namespace prefix (`ns:Name`) is dropped, so callers write
/// `result.path("DBInstances/DBInstance")` whatever namespace the service uses.
public struct XMLElement: Sendable, Hashable, CustomStringConvertible {
    public var name: String
    public var attributes: [String: String]
    public var children: [XMLElement]
    /// Character data directly inside this element (entities decoded). For elements that
    /// have child elements, surrounding whitespace is trimmed.
    public var text: String

    public init(name: String, attributes: [String: String] = [:], children: [XMLElement] = [], text: String = "") {
        self.name = name
        self.attributes = attributes
        self.children = children
        self.text = text
    }

    /// Parses a whole document; throws `XMLDocumentParser.Error` on malformed input.
    public static func parse(_ bytes: some Collection<UInt8>) throws -> XMLElement {
        var parser = XMLDocumentParser(bytes: Array(bytes))
        return try parser.parseDocument()
    }

    public static func parse(_ text: String) throws -> XMLElement {
        try parse(Array(text.utf8))
    }

    /// The first child element called `name`.
    public func child(_ name: String) -> XMLElement? {
        children.first { $0.name == name }
    }

    /// Every child element called `name`, in document order.
    public func children(_ name: String) -> [XMLElement] {
        children.filter { $0.name == name }
    }

    /// Follows `a/b/c` from this element through first matches; nil when a step is missing.
    /// An empty path is this element.
    public func path(_ p: String) -> XMLElement? {
        var current = self
        for part in p.split(separator: "/") {
            guard let next = current.child(String(part)) else { return nil }
            current = next
        }
        return current
    }

    /// The text of `path`, or nil when the element is missing or empty.
    public func text(_ path: String) -> String? {
        self.path(path)?.textOrNil
    }

    /// `text`, or nil when it is empty.
    public var textOrNil: String? { text.isEmpty ? nil : text }

    /// The first element called `name` at any depth (this element included), depth-first.
    public func first(named name: String) -> XMLElement? {
        if self.name == name { return self }
        for child in children {
            if let found = child.first(named: name) { return found }
        }
        return nil
    }

    /// The AWS list convention: `<Things><member>..</member></Things>` or `<Things><item>..</item></Things>`
    /// (or any repeated child name): the child elements of `path`, empty when it is missing.
    public func list(_ path: String) -> [XMLElement] {
        self.path(path)?.children ?? []
    }

    /// Compact XML text, for debugging and test failure messages.
    public var description: String {
        var out = "<\(name)"
        for (key, value) in attributes.sorted(by: { $0.key < $1.key }) {
            out += " \(key)=\"\(XMLElement.escape(value))\""
        }
        out += ">"
        out += XMLElement.escape(text)
        for child in children { out += child.description }
        out += "</\(name)>"
        return out
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            default: out.append(ch)
            }
        }
        return out
    }
}
