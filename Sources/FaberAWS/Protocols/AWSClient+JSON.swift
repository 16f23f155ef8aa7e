import FaberCore

extension AWSClient {
    /// awsJson 1.0 / 1.1 (CloudWatch via its JSON protocol, CloudWatch Logs, ECS, Cost Explorer, tagging):
    /// `POST /` with `X-Amz-Target: <prefix>.<Operation>` and the input as a JSON body; returns the output
    /// object (`{}` for an empty answer). Timestamps are epoch seconds, as the protocol wants.
    public func json(_ service: AWSService, _ operation: String, _ input: Value) async throws -> Value {
        let body = input.isNull ? "{}" : input.jsonString()
        let request = Request(
            service: service, operation: operation, method: "POST", path: "/",
            headers: [
                ("Content-Type", "application/x-amz-json-\(service.wireJSONVersion)"),
                ("X-Amz-Target", "\(service.wireTargetPrefix).\(operation)"),
            ],
            body: Array(body.utf8))
        let response = try await perform(request)
        return try decodeJSON(response, request)
    }

    /// The body of a JSON answer (`{}` when empty).
    func decodeJSON(_ response: AWSResponse, _ request: Request) throws -> Value {
        let bytes = response.body
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return [:] }
        do {
            return try Value.parseJSON(bytes: bytes)
        } catch {
            throw failure(
                request, code: "InvalidResponse", message: "the answer is not valid JSON (\(error))",
                endpoint: "\(connection.endpoint(for: request.service))")
        }
    }
}
