import MarketCore

/// A block: header, the signed transactions in order, each one's outcome (events or error code)
/// and the events of block-boundary processing (deadlines, committee draws).
public struct Block: Hashable, Sendable {
    public static let maxTransactions = 100_000

    public var header: BlockHeader
    public var transactions: [SignedTransaction]
    public var outcomes: [TransactionOutcome]
    public var boundaryEvents: [MarketEvent]

    public init(header: BlockHeader, transactions: [SignedTransaction], outcomes: [TransactionOutcome], boundaryEvents: [MarketEvent]) {
        self.header = header
        self.transactions = transactions
        self.outcomes = outcomes
        self.boundaryEvents = boundaryEvents
    }

    public var hash: Hash256 { header.hash }
    public var height: BlockHeight { header.height }

    /// Root over transaction ids.
    public static func transactionsRoot(_ transactions: [SignedTransaction]) -> Hash256 {
        MerkleList.root(transactions.map(\.id))
    }

    /// Root over the boundary events and each (transaction id, outcome) pair.
    public static func resultsRoot(
        transactions: [SignedTransaction], outcomes: [TransactionOutcome], boundaryEvents: [MarketEvent]
    ) -> Hash256 {
        var writer = CanonicalWriter()
        writer.write(boundaryEvents)
        var leaves = [Hash256.tagged("depin/boundary-events", writer.bytes)]
        for (transaction, outcome) in zip(transactions, outcomes) {
            var entry = CanonicalWriter()
            entry.write(transaction.id)
            entry.write(outcome)
            leaves.append(Hash256.tagged("depin/result", entry.bytes))
        }
        return MerkleList.root(leaves)
    }

    /// The body's canonical bytes (everything but the header), as stored.
    public var bodyBytes: [UInt8] {
        var writer = CanonicalWriter(capacity: 256 * transactions.count + 64)
        writer.write(UInt32(transactions.count))
        for transaction in transactions { writer.write(bytes: transaction.signedBytes) }
        writer.write(outcomes)
        writer.write(boundaryEvents)
        return writer.bytes
    }

    /// Decodes a stored block strictly; the body must match the header's counts.
    public init(header: BlockHeader, bodyBytes: [UInt8]) throws(LedgerError) {
        var reader = CanonicalReader(bodyBytes)
        do throws(CanonicalDecodingError) {
            let count = Int(try reader.readUInt32())
            guard count <= Block.maxTransactions, count == Int(header.transactionCount) else { throw .invalidValue("transaction count") }
            var transactions: [SignedTransaction] = []
            transactions.reserveCapacity(count)
            for _ in 0..<count {
                let bytes = try reader.readBytes(field: "transaction", maxLength: SignedTransaction.defaultMaxByteCount)
                do {
                    transactions.append(try SignedTransaction(decoding: bytes))
                } catch {
                    throw .invalidValue("transaction: \(error)")
                }
            }
            let outcomes = try reader.readArray(of: TransactionOutcome.self, field: "outcomes", maxCount: Block.maxTransactions)
            let events = try reader.readArray(of: MarketEvent.self, field: "boundary events", maxCount: 1_000_000)
            try reader.finish()
            guard outcomes.count == transactions.count else { throw .invalidValue("outcome count") }
            self.init(header: header, transactions: transactions, outcomes: outcomes, boundaryEvents: events)
        } catch {
            throw .malformed
        }
    }
}
