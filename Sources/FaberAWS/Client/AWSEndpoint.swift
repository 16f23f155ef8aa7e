/// A service's base URL split into what the request needs: `http://127.0.0.1:5000`,
/// `https://logs.eu-west-1.amazonaws.com`, or an `endpoint_url` with a path prefix.
struct AWSEndpoint: Sendable, Equatable {
    var scheme: String
    var host: String
    var port: Int?
    /// Path prefix without a trailing `/` ("" for none).
    var basePath: String

    init?(_ url: String) {
        guard let schemeEnd = url.range(of: "://") else { return nil }
        scheme = url[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else { return nil }
        var rest = url[schemeEnd.upperBound...]
        if let cut = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) { rest = rest[..<cut] }
        let authority: Substring
        if let slash = rest.firstIndex(of: "/") {
            authority = rest[..<slash]
            var path = String(rest[slash...])
            while path.hasSuffix("/") { path.removeLast() }
            basePath = path
        } else {
            authority = rest
            basePath = ""
        }
        let hostPort = authority.split(separator: "@").last.map(String.init) ?? ""
        if hostPort.hasPrefix("["), let close = hostPort.firstIndex(of: "]") {  // [::1]:port
            host = String(hostPort[...close])
            let after = hostPort[hostPort.index(after: close)...]
            port = after.hasPrefix(":") ? Int(after.dropFirst()) : nil
        } else if let colon = hostPort.lastIndex(of: ":") {
            host = String(hostPort[..<colon])
            guard let parsed = Int(hostPort[hostPort.index(after: colon)...]) else { return nil }
            port = parsed
        } else {
            host = hostPort
            port = nil
        }
        guard !host.isEmpty else { return nil }
    }

    /// The `Host` header as sent: the port only when it is not the scheme's default.
    var hostHeader: String {
        guard let port, port != (scheme == "https" ? 443 : 80) else { return host }
        return "\(host):\(port)"
    }

    /// `scheme://host[:port]` + base path + `path` (already encoded) + `?query`.
    func url(path: String, query: String) -> String {
        var text = "\(scheme)://\(hostHeader)\(basePath)"
        text += path.hasPrefix("/") ? path : "/" + path
        if !query.isEmpty { text += "?" + query }
        return text
    }

    /// The path the signer sees: the base path and the request path.
    func wirePath(_ path: String) -> String {
        basePath + (path.hasPrefix("/") ? path : "/" + path)
    }
}
