import Hummingbird
import MarketAPI
import MarketCore
import MarketLedger

/// Blocks, parameters, market statistics, cost quotes and node status.
struct ChainController {
    let node: Node

    func addRoutes(to group: RouterGroup<NodeRequestContext>) {
        group.get("blocks/latest", use: latestBlock)
        group.get("blocks/{height}", use: block)
        group.get("parameters", use: parameters)
        group.get("stats", use: stats)
        group.get("cost", use: cost)
        group.get("status", use: status)
    }

    @Sendable func latestBlock(_ request: Request, context: NodeRequestContext) async throws -> Response {
        try QueryParameters(request).finish()
        let height = await node.ledger.tip.height
        return try blockResponse(at: height)
    }

    @Sendable func block(_ request: Request, context: NodeRequestContext) async throws -> Response {
        let height = try context.pathInteger("height")
        try QueryParameters(request).finish()
        return try blockResponse(at: height)
    }

    private func blockResponse(at height: BlockHeight) throws -> Response {
        guard let block = try node.chain.block(at: height) else {
            throw APIFailure.notFound("no block at height \(height) yet")
        }
        return try JSONResponse.make(BlockView(block))
    }

    @Sendable func parameters(_ request: Request, context: NodeRequestContext) async throws -> Response {
        try QueryParameters(request).finish()
        let parameters = await node.ledger.state.parameters
        return try JSONResponse.make(ParametersView(chainID: node.ledger.chainID, parameters: parameters))
    }

    /// `get-market-stats`, with the money-conservation check.
    @Sendable func stats(_ request: Request, context: NodeRequestContext) async throws -> Response {
        try QueryParameters(request).finish()
        let state = await node.ledger.state
        return try JSONResponse.make(MarketStatsView(state.marketStats(), moneyConserved: node.moneyConserved(state)))
    }

    /// `calculate-job-cost`: `gpuHours` and `tier` are required; `rate` defaults to the tier's
    /// reference rate.
    @Sendable func cost(_ request: Request, context: NodeRequestContext) async throws -> Response {
        var query = try QueryParameters(request)
        let gpuHours = try query.integer("gpuHours", UInt64.self, in: 1...UInt64.max)
        let tier = try query.tier("tier")
        let rate = try query.amount("rate")
        try query.finish()
        guard let gpuHours else { throw APIFailure.invalidQuery("`gpuHours` is required (GPUs x hours, at least 1)") }
        guard let tier else { throw APIFailure.invalidQuery("`tier` is required: consumer, prosumer or datacenter") }
        let state = await node.ledger.state
        do {
            return try JSONResponse.make(CostQuoteView(try state.calculateJobCost(gpuHours: gpuHours, tier: tier, rate: rate), tier: tier))
        } catch let error as MarketError {
            throw APIFailure.market(error)
        }
    }

    @Sendable func status(_ request: Request, context: NodeRequestContext) async throws -> Response {
        try QueryParameters(request).finish()
        let tip = await node.ledger.tip
        let mempool = await node.ledger.mempoolCount
        return try JSONResponse.make(NodeStatusView(
            chainID: node.ledger.chainID, height: tip.height, blockHash: tip.hash, stateRoot: tip.stateRoot,
            mempool: mempool, version: Node.version))
    }
}
