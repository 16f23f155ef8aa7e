import FaberCore

extension AWSClient {
    /// rest-json (Lambda, API Gateway): `method` on `path` (segments already encoded with
    /// `AWSPath.encode`) with `query` pairs and an optional JSON body; returns the answer's JSON
    /// (`{}` when empty, e.g. 204).
    public func restJSON(
        _ service: AWSService, _ operation: String, method: String, path: String,
        query: [(String, String)] = [], body: Value? = nil
    ) async throws -> Value {
        var headers: [(String, String)] = []
        var bytes: [UInt8] = []
        if let body {
            headers.append(("Content-Type", "application/json"))
            bytes = Array(body.jsonString().utf8)
        }
        let request = Request(
            service: service, operation: operation, method: method.uppercased(), path: path,
            query: AWSPath.queryString(query), headers: headers, body: bytes)
        let response = try await perform(request)
        return try decodeJSON(response, request)
    }
}
