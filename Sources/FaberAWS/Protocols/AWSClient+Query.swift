import FaberCore

extension AWSClient {
    /// The query protocol (RDS, STS, IAM, CloudWatch's classic API) and its ec2 variant: a form-encoded
    /// `POST /` with `Action`, `Version` and the flattened parameters (`Filters.member.1.Name=...`,
    /// ec2: `Filter.1.Name=...`). Returns the `<OperationResult>` element (ec2, and operations without a
    /// result element: the document root).
    public func query(_ service: AWSService, _ operation: String, _ params: [(String, String)] = []) async throws -> XMLElement {
        let form = [("Action", operation), ("Version", service.wireAPIVersion)] + params
        let request = Request(
            service: service, operation: operation, method: "POST", path: "/",
            headers: [("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")],
            body: Array(AWSPath.queryString(form).utf8))
        let response = try await perform(request)
        let root: XMLElement
        do {
            root = try XMLElement.parse(response.body)
        } catch {
            throw failure(
                request, code: "InvalidResponse", message: "the answer is not valid XML (\(error))",
                endpoint: "\(connection.endpoint(for: service))")
        }
        return root.child("\(operation)Result") ?? root
    }

    /// Flattens a list the query-protocol way: `member(prefix: "Filters.member", [["Name": ..]])`.
    /// `("Filters.member", [("Name", "engine"), ("Values.member.1", "postgres")])` rows become
    /// `Filters.member.1.Name=engine`, `Filters.member.1.Values.member.1=postgres`; ec2 passes `Filter`.
    public static func flatten(_ prefix: String, _ rows: [[(String, String)]]) -> [(String, String)] {
        var params: [(String, String)] = []
        for (n, row) in rows.enumerated() {
            for (key, value) in row { params.append(("\(prefix).\(n + 1).\(key)", value)) }
        }
        return params
    }

    /// A list of scalars: `flatten("GroupId", ["sg-1", "sg-2"])` -> `GroupId.1=sg-1&GroupId.2=sg-2`.
    public static func flatten(_ prefix: String, _ values: [String]) -> [(String, String)] {
        values.enumerated().map { ("\(prefix).\($0.offset + 1)", $0.element) }
    }
}
