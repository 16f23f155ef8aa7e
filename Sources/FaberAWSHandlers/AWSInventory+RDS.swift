import FaberAWS
import FaberCore
import FaberOpsModel

extension AWSInventory {
    /// Every DB instance of the region (DescribeDBInstances, 100 a page), by identifier.
    func dbInstances() async throws -> [String: XMLElement] {
        let all = try await client.paginate { marker in
            var params = [("MaxRecords", "100")]
            if let marker { params.append(("Marker", marker)) }
            let result = try await client.query(.rds, "DescribeDBInstances", params)
            return AWSPage(items: result.list("DBInstances"), next: result.text("Marker"))
        }
        var byID: [String: XMLElement] = [:]
        for instance in all {
            if let id = instance.text("DBInstanceIdentifier") { byID[id] = instance }
        }
        return byID
    }
}
