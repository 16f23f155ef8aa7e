import FaberCore

/// One page of a paginated call: its items and the token for the next page (nil or "" on the last page).
public struct AWSPage<Item: Sendable>: Sendable {
    public var items: [Item]
    public var next: String?

    public init(items: [Item], next: String?) {
        self.items = items
        self.next = next
    }
}

extension AWSClient {
    /// Calls `page` with nil, then with each returned token, until a page has no next token
    /// (or repeats the token it was given); returns every page's items in order. `maxPages`
    /// stops a runaway listing.
    public func paginate<Item: Sendable>(
        maxPages: Int = 1000, _ page: (_ token: String?) async throws -> AWSPage<Item>
    ) async throws -> [Item] {
        var items: [Item] = []
        var token: String?
        for _ in 0..<maxPages {
            let result = try await page(token)
            items += result.items
            guard let next = result.next, !next.isEmpty, next != token else { return items }
            token = next
        }
        return items
    }

    /// A paginated JSON-protocol call: `input` plus `tokenKey` (e.g. `nextToken`), items from
    /// `itemsKey` of each answer (e.g. `logGroups`), the next token from `outputTokenKey`
    /// (defaults to `tokenKey`).
    public func paginateJSON(
        _ service: AWSService, _ operation: String, _ input: Value, itemsKey: String,
        tokenKey: String = "nextToken", outputTokenKey: String? = nil, maxPages: Int = 1000
    ) async throws -> [Value] {
        try await paginate(maxPages: maxPages) { token in
            var request = input.isNull ? Value.object([:]) : input
            if let token { request[tokenKey] = .string(token) }
            let output = try await json(service, operation, request)
            return AWSPage(items: output[itemsKey]?.array ?? [], next: output[outputTokenKey ?? tokenKey]?.string)
        }
    }

    /// A paginated rest-json call: the token goes in query parameter `tokenParam` (Lambda `Marker`,
    /// API Gateway `position`), items from `itemsKey` (`Functions`, `item`), the next token from
    /// `outputTokenKey` (`NextMarker`, `position`).
    public func paginateRestJSON(
        _ service: AWSService, _ operation: String, method: String = "GET", path: String,
        query: [(String, String)] = [], itemsKey: String, tokenParam: String, outputTokenKey: String,
        maxPages: Int = 1000
    ) async throws -> [Value] {
        try await paginate(maxPages: maxPages) { token in
            var pairs = query
            if let token { pairs.append((tokenParam, token)) }
            let output = try await restJSON(service, operation, method: method, path: path, query: pairs)
            return AWSPage(items: output[itemsKey]?.array ?? [], next: output[outputTokenKey]?.string)
        }
    }

    /// A paginated query/ec2 call: the token goes in `tokenParam` (`Marker`, `NextToken`), items are the
    /// children of `itemsPath` in the result (`DBInstances`, `securityGroupInfo`), the next token is the
    /// text of `outputTokenPath` (`Marker`, `nextToken`).
    public func paginateQuery(
        _ service: AWSService, _ operation: String, _ params: [(String, String)] = [], itemsPath: String,
        tokenParam: String, outputTokenPath: String, maxPages: Int = 1000
    ) async throws -> [XMLElement] {
        try await paginate(maxPages: maxPages) { token in
            var pairs = params
            if let token { pairs.append((tokenParam, token)) }
            let result = try await query(service, operation, pairs)
            return AWSPage(items: result.list(itemsPath), next: result.text(outputTokenPath))
        }
    }
}
