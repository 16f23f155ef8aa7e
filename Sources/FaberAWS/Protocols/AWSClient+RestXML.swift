import AWSSigV4
import FaberCore

extension AWSClient {
    /// rest-xml (S3) with path-style addressing (`/bucket/key`): `method` on `path` (encoded, e.g.
    /// `"/" + AWSPath.encode(bucket)`), signed the S3 way (`x-amz-content-sha256`, path as is).
    /// Returns the response with `xml` parsed when the body is XML. Errors (including HEAD's bodiless
    /// 403/404, reported as `Forbidden`/`NotFound`) throw `AWSError`.
    public func restXML(
        _ service: AWSService, _ operation: String, method: String, path: String,
        query: [(String, String)] = [], headers: [(String, String)] = [], body: [UInt8] = []
    ) async throws -> AWSResponse {
        // S3 sorts nothing for us: `?encryption` style sub-resources are sent as `encryption=`.
        let request = Request(
            service: service, operation: operation, method: method.uppercased(), path: path,
            query: AWSPath.queryString(query), headers: headers, body: body, s3Signing: true)
        var response = try await perform(request)
        let first = response.body.first { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }
        if first == UInt8(ascii: "<") {
            do {
                response.xml = try XMLElement.parse(response.body)
            } catch {
                throw failure(
                    request, code: "InvalidResponse", message: "the answer is not valid XML (\(error))",
                    endpoint: "\(connection.endpoint(for: service))")
            }
        }
        return response
    }
}
