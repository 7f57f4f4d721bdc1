import MarketCore
import Testing

/// The fixture's transaction fee, in micro-units.
public let txFee: UInt64 = 1_000

extension MarketFixture {
    /// Runs a transaction that must succeed; records an issue at the caller otherwise.
    @discardableResult
    public mutating func succeed(
        _ sender: Address, _ body: TransactionBody, sourceLocation: SourceLocation = #_sourceLocation
    ) -> [MarketEvent] {
        guard let outcome = run(sender, body) else {
            Issue.record("\(body.name) was not includable", sourceLocation: sourceLocation)
            return []
        }
        if let error = outcome.error { Issue.record("\(body.name) failed: \(error)", sourceLocation: sourceLocation) }
        return outcome.events
    }

    /// Every committee member approves its sample; sampling ends once all of them voted.
    @discardableResult
    public mutating func approveAll(_ job: JobID, _ index: UInt32 = 0) -> [TransactionOutcome?] {
        let members = assignment(job, index)?.committee.count ?? 0
        return castVotes(job, Array(repeating: true, count: members), assignment: index)
    }

    /// Every member rejects its sample, which opens a dispute; three members then reject the
    /// disputed segments.
    @discardableResult
    public mutating func rejectAll(_ job: JobID, _ index: UInt32 = 0) -> [TransactionOutcome?] {
        let members = assignment(job, index)?.committee.count ?? 0
        return castVotes(job, Array(repeating: false, count: members), assignment: index)
            + castVotes(job, [false, false, false], assignment: index)
    }
}
