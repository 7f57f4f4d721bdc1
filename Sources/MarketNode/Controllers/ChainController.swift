import Hummingbird
import MarketAPI
import MarketCore
import MarketLedger

/// Blocks, parameters, market statistics, cost quotes and node status.
struct ChainController {
    let ledger: Ledger
    let chain: ChainReader
    let moneyConservation: MoneyConservationCache

    func addRoutes(to group: RouterGroup<NodeRequestContext>) {
        group.get("blocks/latest", use: latestBlock)
        group.get("blocks/{height}", use: block)
        group.get("parameters", use: parameters)
        group.get("stats", use: stats)
        group.get("cost", use: cost)
        group.get("status", use: status)
    }

    @Sendable func latestBlock(_ request: Request, context: NodeRequestContext) async throws -> BlockView {
        try request.expectNoQuery()
        return try blockView(at: await ledger.tip.height)
    }

    @Sendable func block(_ request: Request, context: NodeRequestContext) async throws -> BlockView {
        let height = try context.pathInteger("height")
        try request.expectNoQuery()
        return try blockView(at: height)
    }

    private func blockView(at height: BlockHeight) throws -> BlockView {
        guard let block = try chain.block(at: height) else {
            throw APIFailure.notFound("no block at height \(height) yet")
        }
        return BlockView(block)
    }

    @Sendable func parameters(_ request: Request, context: NodeRequestContext) async throws -> ParametersView {
        try request.expectNoQuery()
        return ParametersView(chainID: ledger.chainID, parameters: await ledger.state.parameters)
    }

    /// `get-market-stats`, with the money-conservation check.
    @Sendable func stats(_ request: Request, context: NodeRequestContext) async throws -> MarketStatsView {
        try request.expectNoQuery()
        let state = await ledger.state
        return MarketStatsView(state.marketStats(), moneyConserved: moneyConservation.isConserved(state))
    }

    /// `calculate-job-cost`: `gpuHours` and `tier` are required; `rate` defaults to the tier's
    /// reference rate.
    @Sendable func cost(_ request: Request, context: NodeRequestContext) async throws -> CostQuoteView {
        let (gpuHours, tier, rate) = try request.query { query throws(APIFailure) in
            (try query.integer("gpuHours", UInt64.self, in: 1...UInt64.max), try query.tier("tier"), try query.amount("rate"))
        }
        guard let gpuHours else { throw APIFailure.invalidQuery("`gpuHours` is required (GPUs x hours, at least 1)") }
        guard let tier else { throw APIFailure.invalidQuery("`tier` is required: consumer, prosumer or datacenter") }
        let state = await ledger.state
        do throws(MarketError) {
            return CostQuoteView(try state.calculateJobCost(gpuHours: gpuHours, tier: tier, rate: rate), tier: tier)
        } catch {
            throw APIFailure.market(error)
        }
    }

    @Sendable func status(_ request: Request, context: NodeRequestContext) async throws -> NodeStatusView {
        try request.expectNoQuery()
        let tip = await ledger.tip
        let mempool = await ledger.mempoolCount
        return NodeStatusView(
            chainID: ledger.chainID, height: tip.height, blockHash: tip.hash, stateRoot: tip.stateRoot,
            mempool: mempool, version: Node.version)
    }
}
