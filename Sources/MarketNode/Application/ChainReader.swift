import MarketCore
import MarketLedger

/// Reads committed blocks straight from the store, off the ledger actor, so history queries and
/// event replays never queue behind block production.
struct ChainReader: Sendable {
    let store: any BlockStore

    func latestHeight() throws -> BlockHeight {
        try store.latestHeight() ?? 0
    }

    /// The block at `height`, or nil above the tip. Genesis (height 0) has no body.
    func block(at height: BlockHeight) throws -> Block? {
        guard let stored = try store.storedBlock(at: height) else { return nil }
        if height == 0 {
            return Block(header: stored.header, transactions: [], outcomes: [], boundaryEvents: [])
        }
        return try Block(header: stored.header, bodyBytes: stored.bodyBytes)
    }
}
