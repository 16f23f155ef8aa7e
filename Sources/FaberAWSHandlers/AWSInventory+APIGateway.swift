import FaberAWS
import FaberCore
import FaberOpsModel

extension AWSInventory {
    /// Every REST API of the region (GetRestApis, 500 a page), by id. Items carry `name` and `tags`.
    /// With `sharing`, read once per run and environment: check-health's status and metrics steps,
    /// which run at the same time, share one read.
    func restAPIs() async throws -> [String: Value] {
        guard let sharing else { return try await readRestAPIs() }
        let unshared = AWSInventory(client: client)
        let read: Task<[String: Value], any Error> = sharing.scope.shared("faber.aws.rest-apis.\(sharing.environment)") {
            Task { try await unshared.readRestAPIs() }
        }
        return try await withTaskCancellationHandler {
            try await read.value
        } onCancel: {
            read.cancel()
        }
    }

    private func readRestAPIs() async throws -> [String: Value] {
        let all = try await client.paginate { position in
            var query = [("limit", "500")]
            if let position { query.append(("position", position)) }
            let page = try await client.restJSON(.apiGateway, "GetRestApis", method: "GET", path: "/restapis", query: query)
            return AWSPage(items: page["item"]?.array ?? [], next: page["position"]?.string)
        }
        var byID: [String: Value] = [:]
        for api in all {
            if let id = api["id"]?.string { byID[id] = api }
        }
        return byID
    }
}
