import FaberAWS
import FaberCore
import FaberOpsModel

extension AWSInventory {
    /// With this many functions or fewer, one GetFunction each is cheaper than listing the account.
    static let getFunctionLimit = 5

    /// `FunctionConfiguration` of each named function; a name missing from the result does not exist.
    /// A few names: GetFunction each (concurrently); more: ListFunctions, paginated, filtered here.
    func lambdaConfigurations(_ names: [String]) async throws -> [String: Value] {
        let unique = Array(Set(names)).sorted()
        guard !unique.isEmpty else { return [:] }
        if unique.count <= Self.getFunctionLimit {
            let found = try await BoundedConcurrency.map(unique) { name -> (String, Value?) in
                (name, try await lambdaFunction(name)?["Configuration"])
            }
            return Dictionary(found.compactMap { pair in pair.1.map { (pair.0, $0) } }, uniquingKeysWith: { a, _ in a })
        }
        let wanted = Set(unique)
        var result: [String: Value] = [:]
        for function in try await allLambdaFunctions() {
            if let name = function["FunctionName"]?.string, wanted.contains(name) { result[name] = function }
        }
        return result
    }

    /// GetFunction: `{Configuration, Code, Tags, Concurrency}`, or nil when the function does not exist.
    func lambdaFunction(_ name: String) async throws -> Value? {
        do {
            return try await client.restJSON(.lambda, "GetFunction", method: "GET", path: "/2015-03-31/functions/\(AWSPath.encode(name))")
        } catch let error as AWSError where error.isNotFound {
            return nil
        }
    }

    /// Every function of the region (ListFunctions, 50 a page).
    func allLambdaFunctions() async throws -> [Value] {
        try await client.paginate { marker in
            var query = [("MaxItems", "50")]
            if let marker { query.append(("Marker", marker)) }
            let page = try await client.restJSON(.lambda, "ListFunctions", method: "GET", path: "/2015-03-31/functions", query: query)
            return AWSPage(items: page["Functions"]?.array ?? [], next: page["NextMarker"]?.string)
        }
    }
}
