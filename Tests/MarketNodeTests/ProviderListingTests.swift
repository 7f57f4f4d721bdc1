import HummingbirdTesting
import MarketAPI
import MarketCore
import Testing
@testable import MarketNode

@Suite("GET /v1/providers filters, sorts and pages")
struct ProviderListingTests {
    static let p0 = MarketScenario.p0.address.description
    static let p1 = MarketScenario.p1.address.description
    static let p2 = MarketScenario.p2.address.description
    static let p3 = MarketScenario.p3.address.description

    static let cases: [(query: String, expected: [String])] = [
        ("", [p0, p1, p2, p3]),
        ("?sort=registered", [p0, p1, p2, p3]),
        ("?tier=prosumer", [p1, p2, p3]),
        ("?tier=datacenter", [p2, p3]),
        ("?tier=3", [p2, p3]),
        ("?minMemoryGB=40", [p2, p3]),
        ("?minMemoryGB=81", []),
        ("?minFreeGPUs=1", [p1, p2, p3]),
        ("?minFreeGPUs=5", [p2, p3]),
        ("?maxRate=0.9", [p0, p1, p3]),
        ("?maxRate=0.5", [p0]),
        ("?online=true", [p0, p1, p2]),
        ("?online=false", [p3]),
        ("?minAvailabilityBps=9500", [p0, p1, p2]),
        ("?minAvailabilityBps=2500", [p0, p1, p2, p3]),
        ("?sort=rate", [p0, p1, p3, p2]),
        ("?sort=-rate", [p2, p1, p3, p0]),
        ("?sort=reputation", [p0, p1, p2, p3]),
        ("?sort=-reputation", [p0, p1, p2, p3]),
        ("?sort=availability", [p3, p0, p1, p2]),
        ("?sort=-availability", [p0, p1, p2, p3]),
        ("?tier=datacenter&online=true", [p2]),
        ("?maxRate=1&sort=-rate&minFreeGPUs=1", [p1, p3]),
        ("?limit=2", [p0, p1]),
        ("?offset=2&limit=2", [p2, p3]),
        ("?offset=3", [p3]),
        ("?offset=10", []),
        ("?limit=500", [p0, p1, p2, p3]),
    ]

    @Test("filters, sorts and pagination return the expected providers in order")
    func listings() async throws {
        let node = try TestNode(parameters: MarketScenario.parameters)
        defer { node.remove() }
        try await MarketScenario.build(on: node)
        try await node.app.test(.router) { client in
            for (query, expected) in Self.cases {
                let page = try await client.get("/v1/providers\(query)", as: Page<ProviderView>.self)
                #expect(page.items.map(\.address.description) == expected, "query \(query)")
                if !query.contains("offset"), !query.contains("limit=2") {
                    #expect(page.total == expected.count, "total for \(query)")
                }
            }
            let page = try await client.get("/v1/providers?offset=2&limit=1", as: Page<ProviderView>.self)
            #expect(page.total == 4 && page.offset == 2 && page.limit == 1)
        }
    }

    @Test("measured fields: free GPUs, availability and liveness")
    func measuredFields() async throws {
        let node = try TestNode(parameters: MarketScenario.parameters)
        defer { node.remove() }
        try await MarketScenario.build(on: node)
        try await node.app.test(.router) { client in
            let busy = try await client.get("/v1/providers/\(Self.p0)", as: ProviderView.self)
            #expect(busy.freeGPUs == 0 && busy.gpuCount == 2 && busy.activeAssignments == 1)
            #expect(busy.online && busy.availabilityBasisPoints == 10_000 && busy.tier == .consumer)
            let silent = try await client.get("/v1/providers/\(Self.p3)", as: ProviderView.self)
            #expect(!silent.online && silent.availabilityBasisPoints == 2_500 && silent.ratePerGPUHour == Market.amount("0.9"))
        }
    }

    @Test("bad filter values are 400 invalid-query", arguments: [
        "?limit=0", "?limit=501", "?offset=-1", "?offset=x", "?sort=price", "?tier=ultra", "?maxRate=abc",
        "?maxRate=0.0000001", "?online=maybe", "?minAvailabilityBps=10001", "?minMemoryGB=-1", "?minFreeGPUs=1.5",
        "?colour=red", "?limit=1&limit=2",
    ])
    func badQueries(query: String) async throws {
        let node = try TestNode()
        defer { node.remove() }
        try await node.app.test(.router) { client in
            try await client.get("/v1/providers\(query)").expectError(400, code: 709)
        }
    }
}
