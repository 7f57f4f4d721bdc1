import MarketCore

// The one place where MarketCore's states become the API's spellings and back. The switches are
// exhaustive both ways, so a new core state does not compile until it has a spelling here.

extension APIJobStatus {
    /// The API spelling of a core job status.
    public init(_ status: JobStatus) {
        switch status {
        case .pending: self = .pending
        case .active: self = .active
        case .completed: self = .completed
        case .cancelled: self = .cancelled
        case .expired: self = .expired
        }
    }
}

extension JobStatus {
    /// The core status named by the API, or nil for a status this build does not know.
    public init?(_ status: APIJobStatus) {
        switch status {
        case .pending: self = .pending
        case .active: self = .active
        case .completed: self = .completed
        case .cancelled: self = .cancelled
        case .expired: self = .expired
        case .unrecognized: return nil
        }
    }
}

extension APIAssignmentStatus {
    /// The API spelling of a core assignment status.
    public init(_ status: AssignmentStatus) {
        switch status {
        case .assigned: self = .assigned
        case .awaitingCommittee: self = .awaitingCommittee
        case .voting: self = .voting
        case .verified: self = .verified
        case .rejected: self = .rejected
        case .missedDeadline: self = .missedDeadline
        case .unverifiable: self = .unverifiable
        }
    }
}

extension APIVotingPhase {
    /// The API spelling of a core voting phase.
    public init(_ phase: VotingPhase) {
        switch phase {
        case .sampling: self = .sampling
        case .dispute: self = .dispute
        }
    }
}

extension VotingPhase {
    /// The core phase named by the API, or nil for a phase this build does not know.
    public init?(_ phase: APIVotingPhase) {
        switch phase {
        case .sampling: self = .sampling
        case .dispute: self = .dispute
        case .unrecognized: return nil
        }
    }
}

extension APIBondingStatus {
    /// The API spelling of a core bonding status; its release height is reported separately.
    public init(_ status: BondingStatus) {
        switch status {
        case .active: self = .active
        case .unbonding: self = .unbonding
        }
    }
}

extension BondingStatus {
    /// When an unbonding stake can be withdrawn; nil while active.
    public var releaseHeight: BlockHeight? {
        if case .unbonding(let release) = self { return release }
        return nil
    }
}
