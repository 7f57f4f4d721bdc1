import Foundation
import HummingbirdTesting
import MarketAPI
import MarketCore
import MarketLedger
import Testing
@testable import MarketNode

@Suite("Read endpoints: accounts, providers, validators, jobs, blocks, parameters, stats, cost, status")
struct QueryRouteTests {
    @Test("accounts: funded, never seen (zero), invalid address (701)")
    func accounts() async throws {
        let node = try TestNode()
        defer { node.remove() }
        try await node.app.test(.router) { client in
            let funded = try await client.get("/v1/accounts/\(TestKeys.client.address)", as: AccountView.self)
            #expect(funded.balance == .tokens(100_000) && funded.nonce == 0 && funded.address == TestKeys.client.address)
            let unseen = try await client.get("/v1/accounts/\(TestKeys.stranger.address)", as: AccountView.self)
            #expect(unseen.balance == .zero && unseen.nonce == 0)
            try await client.get("/v1/accounts/depin1notanaddress").expectError(400, code: 701)
            var text = TestKeys.client.address.description
            text.removeLast()
            text.append(text.last == "q" ? "p" : "q")
            try await client.get("/v1/accounts/\(text)").expectError(400, code: 701)
        }
    }

    @Test("provider detail: registered, unregistered address 404, invalid 400")
    func providerDetail() async throws {
        let node = try TestNode()
        defer { node.remove() }
        try await node.commit([(TestKeys.providers[0], Market.provider(tier: .prosumer, gpus: 4, memory: 24, rate: "0.75"))])
        try await node.app.test(.router) { client in
            let provider = try await client.get("/v1/providers/\(TestKeys.providers[0].address)", as: ProviderView.self)
            #expect(provider.tier == .prosumer && provider.gpuCount == 4 && provider.freeGPUs == 4)
            #expect(provider.ratePerGPUHour == Market.amount("0.75") && provider.stake == .tokens(40) && provider.requiredStake == .tokens(40))
            #expect(provider.status == .active && provider.reputation == 50 && provider.registeredAt == 1 && provider.online)
            try await client.get("/v1/providers/\(TestKeys.providers[1].address)").expectError(404, code: 704)
            try await client.get("/v1/providers/nope").expectError(400, code: 701)
        }
    }

    @Test("validators: genesis validators in address order, eligible, paged")
    func validators() async throws {
        let node = try TestNode()
        defer { node.remove() }
        try await node.app.test(.router) { client in
            let page = try await client.get("/v1/validators", as: Page<ValidatorView>.self)
            let expected = TestKeys.validators.map(\.address).sorted()
            #expect(page.items.map(\.address) == expected && page.total == 3 && page.limit == 50)
            #expect(page.items.allSatisfy { $0.eligible && $0.stake == .tokens(200) && $0.status == .active })
            let second = try await client.get("/v1/validators?offset=1&limit=1", as: Page<ValidatorView>.self)
            #expect(second.items.map(\.address) == [expected[1]] && second.total == 3)
            try await client.get("/v1/validators?limit=0").expectError(400, code: 709)
        }
    }

    @Test("jobs: newest first, filters by status, client and provider; detail with assignments")
    func jobs() async throws {
        let node = try TestNode(parameters: MarketScenario.parameters)
        defer { node.remove() }
        try await MarketScenario.build(on: node)
        try await node.app.test(.router) { client in
            func ids(_ query: String) async throws -> [UInt64] {
                try await client.get("/v1/jobs\(query)", as: Page<JobView>.self).items.map(\.id.rawValue)
            }
            #expect(try await ids("") == [2, 1])
            #expect(try await ids("?status=pending") == [2])
            #expect(try await ids("?status=active") == [1])
            #expect(try await ids("?status=completed") == [])
            #expect(try await ids("?client=\(TestKeys.client.address)") == [1])
            #expect(try await ids("?client=\(TestKeys.otherClient.address)") == [2])
            #expect(try await ids("?provider=\(MarketScenario.p0.address)") == [1])
            #expect(try await ids("?provider=\(MarketScenario.p1.address)") == [])
            #expect(try await ids("?limit=1") == [2])
            #expect(try await ids("?offset=1&limit=1") == [1])

            let job = try await client.get("/v1/jobs/1", as: JobView.self)
            #expect(job.status == .active && job.client == TestKeys.client.address && job.spec.gpuCount == 2)
            let assignment = try #require(job.assignments.first)
            #expect(assignment.provider == MarketScenario.p0.address && assignment.status == .assigned)
            #expect(assignment.ratePerGPUHour == Market.amount("0.5") && assignment.cost == .tokens(5))
            #expect(assignment.proofDeadline > assignment.assignedAt && assignment.votes.isEmpty && assignment.committee.isEmpty)

            try await client.get("/v1/jobs/99").expectError(404, code: 502)
            try await client.get("/v1/jobs/abc").expectError(400, code: 701)
            try await client.get("/v1/jobs?status=running").expectError(400, code: 709)
            try await client.get("/v1/jobs?client=depin1bad").expectError(400, code: 709)
        }
    }

    @Test("blocks: genesis, by height, latest, above the tip")
    func blocks() async throws {
        let node = try TestNode()
        defer { node.remove() }
        let block = try await node.commit([(TestKeys.client, .transfer(to: TestKeys.stranger.address, amount: .tokens(1)))])
        try await node.app.test(.router) { client in
            let genesis = try await client.get("/v1/blocks/0", as: BlockView.self)
            #expect(genesis.height == 0 && genesis.transactions.isEmpty && genesis.previousHash == .zero)
            let first = try await client.get("/v1/blocks/1", as: BlockView.self)
            #expect(first.hash == block.hash && first.previousHash == genesis.hash && first.transactionCount == 1)
            let transaction = try #require(first.transactions.first)
            #expect(transaction.type == "transfer" && transaction.success && transaction.sender == TestKeys.client.address)
            #expect(transaction.events.map(\.kind) == [.transferred] && transaction.fee == TestNode.fee)
            let latest = try await client.get("/v1/blocks/latest", as: BlockView.self)
            #expect(latest == first)
            try await client.get("/v1/blocks/2").expectError(404, code: 704)
            // Past Int64.max, where SQLite integers end: found by schemathesis, it trapped the node.
            try await client.get("/v1/blocks/18446744073709551614").expectError(404, code: 704)
            try await client.get("/v1/blocks/9223372036854775808").expectError(404, code: 704)
            try await client.get("/v1/blocks/-1").expectError(400, code: 701)
        }
    }

    @Test("parameters: every market parameter flattened, plus the chain id")
    func parameters() async throws {
        let node = try TestNode()
        defer { node.remove() }
        try await node.app.test(.router) { client in
            let reply = try await client.get("/v1/parameters")
            #expect(reply.status == 200)
            let view: ParametersView = try reply.decode()
            #expect(view.chainID == TestNode.chainID && view.parameters == MarketParameters())
            let object = try #require(try JSONSerialization.jsonObject(with: reply.data) as? [String: Any])
            #expect(object["platformFeeBasisPoints"] as? Int == 250 && object["consumerReferenceRate"] as? String == "0.250000")
        }
    }

    @Test("stats: totals and money conservation")
    func stats() async throws {
        let node = try TestNode(parameters: MarketScenario.parameters)
        defer { node.remove() }
        try await MarketScenario.build(on: node)
        try await node.app.test(.router) { client in
            let stats = try await client.get("/v1/stats", as: MarketStatsView.self)
            #expect(stats.height == 13 && stats.totalProviders == 4 && stats.onlineProviders == 3 && stats.totalValidators == 3)
            #expect(stats.totalGPUs == 22 && stats.busyGPUs == 2 && stats.totalJobs == 2)
            #expect(stats.jobsByStatus[.active] == 1 && stats.jobsByStatus[.pending] == 1)
            #expect(stats.moneyConserved)
        }
    }

    @Test("cost: calculate-job-cost quotes, defaults and errors")
    func cost() async throws {
        let node = try TestNode()
        defer { node.remove() }
        try await node.app.test(.router) { client in
            let reference = try await client.get("/v1/cost?gpuHours=100&tier=prosumer", as: CostQuoteView.self)
            #expect(reference.cost == .tokens(50) && reference.ratePerGPUHour == Market.amount("0.5") && reference.referenceCost == .tokens(50))
            #expect(reference.platformFee == Market.amount("1.25") && reference.providerPayout == Market.amount("48.75"))
            let priced = try await client.get("/v1/cost?gpuHours=10&tier=datacenter&rate=2", as: CostQuoteView.self)
            #expect(priced.cost == .tokens(20) && priced.referenceCost == .tokens(10) && priced.tier == .datacenter)
            try await client.get("/v1/cost?tier=consumer").expectError(400, code: 709)
            try await client.get("/v1/cost?gpuHours=10").expectError(400, code: 709)
            try await client.get("/v1/cost?gpuHours=0&tier=consumer").expectError(400, code: 709)
            try await client.get("/v1/cost?gpuHours=10&tier=gold").expectError(400, code: 709)
            try await client.get("/v1/cost?gpuHours=18446744073709551615&tier=consumer&rate=1000").expectError(422, code: 515)
        }
    }

    @Test("status and healthz report the tip")
    func statusAndHealth() async throws {
        let node = try TestNode()
        defer { node.remove() }
        let block = try await node.produceBlock()
        try await node.app.test(.router) { client in
            let status = try await client.get("/v1/status", as: NodeStatusView.self)
            #expect(status.chainID == TestNode.chainID && status.height == 1 && status.blockHash == block.hash)
            #expect(status.stateRoot == block.header.stateRoot && status.mempool == 0 && status.version == Node.version)
            let health = try await client.get("/healthz", as: HealthView.self)
            #expect(health == HealthView(status: .ok, height: 1))
        }
    }
}
