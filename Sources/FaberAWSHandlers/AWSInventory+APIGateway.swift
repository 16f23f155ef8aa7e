import FaberAWS
import FaberCore
import FaberOpsModel

extension AWSInventory {
    /// Every REST API of the region (GetRestApis, 500 a page), by id. Items carry `name` and `tags`.
    func restAPIs() async throws -> [String: Value] {
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
