import MarketAPI
import MarketCore

/// What became of a submitted transaction: the node's status view plus what was signed.
public struct SubmissionReceipt: Sendable, Hashable {
    public var id: Hash256
    public var nonce: UInt64
    public var fee: Amount
    /// The node's latest answer about the transaction.
    public var status: TransactionStatusView

    public init(id: Hash256, nonce: UInt64, fee: Amount, status: TransactionStatusView) {
        self.id = id
        self.nonce = nonce
        self.fee = fee
        self.status = status
    }

    /// In a durably committed block (successful or not).
    public var isCommitted: Bool { status.status == .committed }
    /// Still in the node's mempool.
    public var isPending: Bool { status.status == .pending }
    /// Left out of a block; it used no nonce.
    public var isDropped: Bool { status.status == .dropped }

    /// Committed and its body took effect.
    public var succeeded: Bool { isCommitted && status.success == true }

    public var events: [EventView] { status.events ?? [] }

    /// Why the body failed (committed) or why the node dropped it.
    public var error: APIErrorBody? { status.error }

    /// Returns the receipt when the transaction succeeded, or was accepted without waiting;
    /// throws the market error of a failed or dropped transaction.
    @discardableResult
    public func requireSuccess() throws(MarketClientError) -> SubmissionReceipt {
        if isCommitted, status.success == false {
            throw .transactionFailed(id: id, error ?? APIErrorBody(code: 0, name: "failed", message: "The transaction failed."))
        }
        if isDropped {
            throw .transactionFailed(id: id, error ?? APIErrorBody(code: 0, name: "dropped", message: "The node dropped the transaction."))
        }
        return self
    }

    /// The first event of `kind`, e.g. `.jobPosted`.
    public func event(_ kind: APIEventKind) -> EventView? {
        events.first { $0.kind == kind }
    }
}
