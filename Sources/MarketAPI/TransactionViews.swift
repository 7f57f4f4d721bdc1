import MarketCore

/// `POST /v1/transactions` body: the signed transaction's canonical bytes in hex.
public struct SubmitTransactionRequest: Codable, Hashable, Sendable {
    public var transaction: String
    /// Wait until the transaction is committed (or dropped) before answering.
    public var wait: Bool?
    /// Longest wait in milliseconds (default 10000, at most 60000).
    public var timeoutMillis: Int?

    public init(transaction: String, wait: Bool? = nil, timeoutMillis: Int? = nil) {
        self.transaction = transaction
        self.wait = wait
        self.timeoutMillis = timeoutMillis
    }
}

/// Where a transaction stands, with its result once committed.
public struct TransactionStatusView: Codable, Hashable, Sendable {
    /// `pending`, `committed`, `dropped` or `unknown`.
    public var status: APITransactionStatus
    public var id: Hash256
    public var height: BlockHeight?
    public var position: Int?
    public var blockHash: Hash256?
    /// For committed transactions: whether the body took effect.
    public var success: Bool?
    /// Why the body failed (committed) or why it was dropped.
    public var error: APIErrorBody?
    public var events: [EventView]?

    public init(status: APITransactionStatus, id: Hash256, height: BlockHeight? = nil, position: Int? = nil, blockHash: Hash256? = nil,
                success: Bool? = nil, error: APIErrorBody? = nil, events: [EventView]? = nil) {
        self.status = status
        self.id = id
        self.height = height
        self.position = position
        self.blockHash = blockHash
        self.success = success
        self.error = error
        self.events = events
    }
}

extension MarketError {
    /// The error as the API's JSON body.
    public var apiBody: APIErrorBody { APIErrorBody(self) }
}

/// A transaction inside a block listing.
public struct BlockTransactionView: Codable, Hashable, Sendable {
    public var id: Hash256
    public var sender: Address
    public var nonce: UInt64
    public var fee: Amount
    public var type: String
    public var success: Bool
    public var error: APIErrorBody?
    public var events: [EventView]

    public init(id: Hash256, sender: Address, nonce: UInt64, fee: Amount, type: String, outcome: TransactionOutcome) {
        self.id = id
        self.sender = sender
        self.nonce = nonce
        self.fee = fee
        self.type = type
        success = outcome.error == nil
        error = outcome.error?.apiBody
        events = outcome.events.map(EventView.init)
    }
}

public struct BlockView: Codable, Hashable, Sendable {
    public var height: BlockHeight
    public var hash: Hash256
    public var previousHash: Hash256
    public var timestampMillis: UInt64
    public var transactionsRoot: Hash256
    public var resultsRoot: Hash256
    public var stateRoot: Hash256
    public var transactionCount: UInt32
    public var transactions: [BlockTransactionView]
    public var boundaryEvents: [EventView]

    public init(height: BlockHeight, hash: Hash256, previousHash: Hash256, timestampMillis: UInt64,
                transactionsRoot: Hash256, resultsRoot: Hash256, stateRoot: Hash256,
                transactions: [BlockTransactionView], boundaryEvents: [EventView]) {
        self.height = height
        self.hash = hash
        self.previousHash = previousHash
        self.timestampMillis = timestampMillis
        self.transactionsRoot = transactionsRoot
        self.resultsRoot = resultsRoot
        self.stateRoot = stateRoot
        transactionCount = UInt32(transactions.count)
        self.transactions = transactions
        self.boundaryEvents = boundaryEvents
    }
}

/// `GET /v1/status` and `/healthz` details.
public struct NodeStatusView: Codable, Hashable, Sendable {
    public var chainID: String
    public var height: BlockHeight
    public var blockHash: Hash256
    public var stateRoot: Hash256
    public var mempool: Int
    public var version: String

    public init(chainID: String, height: BlockHeight, blockHash: Hash256, stateRoot: Hash256, mempool: Int, version: String) {
        self.chainID = chainID
        self.height = height
        self.blockHash = blockHash
        self.stateRoot = stateRoot
        self.mempool = mempool
        self.version = version
    }
}
