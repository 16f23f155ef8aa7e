/// A successful HTTP answer, as returned by `AWSClient.restXML` (S3) and used inside the client.
public struct AWSResponse: Sendable {
    public var status: Int
    /// Header names as received; look them up with `header(_:)`, which ignores case.
    public var headers: [(String, String)]
    public var body: [UInt8]
    /// The body parsed as XML, when it is XML.
    public var xml: XMLElement?

    public init(status: Int, headers: [(String, String)], body: [UInt8], xml: XMLElement? = nil) {
        self.status = status
        self.headers = headers
        self.body = body
        self.xml = xml
    }

    /// The first header called `name` (any case).
    public func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return headers.first { $0.0.lowercased() == lowered }?.1
    }

    /// The body as UTF-8 text.
    public var text: String { String(decoding: body, as: UTF8.self) }
}
