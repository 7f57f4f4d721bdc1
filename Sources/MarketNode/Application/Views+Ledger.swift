import MarketAPI
import MarketCore
import MarketLedger

extension BlockView {
    init(_ block: Block) {
        let header = block.header
        self.init(
            height: header.height, hash: header.hash, previousHash: header.previousHash,
            timestampMillis: header.timestampMillis, transactionsRoot: header.transactionsRoot,
            resultsRoot: header.resultsRoot, stateRoot: header.stateRoot,
            transactions: zip(block.transactions, block.outcomes).map { transaction, outcome in
                BlockTransactionView(
                    id: transaction.id, sender: transaction.sender, nonce: transaction.nonce, fee: transaction.fee,
                    type: transaction.body.name, outcome: outcome)
            },
            boundaryEvents: block.boundaryEvents.map(EventView.init))
    }
}

extension TransactionStatusView {
    /// The view of a ledger transaction status: the one place `TransactionStatus` gets its API spelling.
    init(_ status: TransactionStatus, id: Hash256) {
        switch status {
        case .pending:
            self.init(status: .pending, id: id)
        case .committed(let receipt):
            self.init(
                status: .committed, id: id, height: receipt.height, position: receipt.position,
                blockHash: receipt.blockHash, success: receipt.outcome.error == nil,
                error: receipt.outcome.error?.apiBody, events: receipt.outcome.events.map(EventView.init))
        case .dropped(let error):
            self.init(status: .dropped, id: id, error: error.apiBody)
        case .evicted(let error):
            self.init(status: .dropped, id: id, error: APIErrorBody(error))
        case .unknown:
            self.init(status: .unknown, id: id)
        }
    }
}

extension CommittedEventView {
    /// Every event of a block in order: block-boundary events (deadlines, committee draws) first,
    /// then each transaction's events.
    static func events(of block: Block) -> [CommittedEventView] {
        var events = block.boundaryEvents.map {
            CommittedEventView(height: block.height, transaction: nil, transactionID: nil, event: EventView($0))
        }
        for (position, (transaction, outcome)) in zip(block.transactions, block.outcomes).enumerated() {
            for event in outcome.events {
                events.append(CommittedEventView(
                    height: block.height, transaction: position, transactionID: transaction.id, event: EventView(event)))
            }
        }
        return events
    }
}
