import MarketCore

/// A market event as JSON: `kind` plus the fields that kind carries.
public struct EventView: Codable, Hashable, Sendable {
    public var kind: APIEventKind
    public var job: JobID?
    public var assignment: UInt32?
    public var provider: Address?
    public var validator: Address?
    public var client: Address?
    public var from: Address?
    public var to: Address?
    public var owner: Address?
    public var amount: Amount?
    public var budget: Amount?
    public var cost: Amount?
    public var fee: Amount?
    public var payout: Amount?
    public var rate: Amount?
    public var stake: Amount?
    public var refund: Amount?
    public var gpuHours: UInt64?
    public var gpus: UInt32?
    public var tier: GPUTier?
    public var round: UInt32?
    public var members: [Address]?
    public var approve: Bool?
    public var reason: String?
    /// The final job status of a `job-settled` event.
    public var status: APIJobStatus?
    public var releaseHeight: BlockHeight?
    public var checkpointRoot: Hash256?
    public var resultHash: Hash256?
    public var segments: [UInt32]?

    public init(kind: APIEventKind) {
        self.kind = kind
    }

    public init(_ event: MarketEvent) {
        self.init(kind: APIEventKind(rawValue: event.kind))
        switch event {
        case .transferred(let from, let to, let amount):
            self.from = from; self.to = to; self.amount = amount
        case .minted(let to, let amount):
            self.to = to; self.amount = amount
        case .providerRegistered(let provider, let tier, let gpus, let rate, let stake):
            self.provider = provider; self.tier = tier; self.gpus = gpus; self.rate = rate; self.stake = stake
        case .providerUpdated(let provider, let stake):
            self.provider = provider; self.stake = stake
        case .providerHeartbeat(let provider):
            self.provider = provider
        case .providerUnregistered(let provider, let release):
            self.provider = provider; releaseHeight = release
        case .validatorRegistered(let validator, let stake):
            self.validator = validator; self.stake = stake
        case .validatorUnregistered(let validator, let release):
            self.validator = validator; releaseHeight = release
        case .stakeWithdrawn(let owner, let amount):
            self.owner = owner; self.amount = amount
        case .jobPosted(let job, let client, let budget, let gpuHours, let tier):
            self.job = job; self.client = client; self.budget = budget; self.gpuHours = gpuHours; self.tier = tier
        case .jobCancelled(let job, let refund):
            self.job = job; self.refund = refund
        case .jobMatched(let job, let assignment, let provider, let gpuHours, let rate, let cost):
            self.job = job; self.assignment = assignment; self.provider = provider; self.gpuHours = gpuHours
            self.rate = rate; self.cost = cost
        case .proofSubmitted(let job, let assignment, let provider, let root, let result):
            self.job = job; self.assignment = assignment; self.provider = provider; checkpointRoot = root; resultHash = result
        case .committeeDrawn(let job, let assignment, let round, let members):
            self.job = job; self.assignment = assignment; self.round = round; self.members = members
        case .voteCast(let job, let assignment, let validator, let approve):
            self.job = job; self.assignment = assignment; self.validator = validator; self.approve = approve
        case .assignmentVerified(let job, let assignment, let provider, let cost, let fee, let payout):
            self.job = job; self.assignment = assignment; self.provider = provider; self.cost = cost; self.fee = fee
            self.payout = payout
        case .assignmentRejected(let job, let assignment, let provider),
             .assignmentMissedDeadline(let job, let assignment, let provider),
             .assignmentUnverifiable(let job, let assignment, let provider):
            self.job = job; self.assignment = assignment; self.provider = provider
        case .providerSlashed(let provider, let amount, let reason):
            self.provider = provider; self.amount = amount; self.reason = reason.description
        case .validatorRewarded(let validator, let amount):
            self.validator = validator; self.amount = amount
        case .validatorPenalized(let validator, let amount, let reason):
            self.validator = validator; self.amount = amount; self.reason = reason.description
        case .rewardClaimed(let job, let provider, let amount):
            self.job = job; self.provider = provider; self.amount = amount
        case .jobSettled(let job, let status, let refund):
            self.job = job; self.status = APIJobStatus(status); self.refund = refund
        case .parametersUpdated:
            break
        case .disputeOpened(let job, let assignment, let segments):
            self.job = job; self.assignment = assignment; self.segments = segments
        }
    }
}

/// An event with where it was committed; the unit of the live event stream.
public struct CommittedEventView: Codable, Hashable, Sendable {
    public var height: BlockHeight
    /// Position of the emitting transaction in its block; nil for block-boundary events.
    public var transaction: Int?
    public var transactionID: Hash256?
    public var event: EventView

    public init(height: BlockHeight, transaction: Int?, transactionID: Hash256?, event: EventView) {
        self.height = height
        self.transaction = transaction
        self.transactionID = transactionID
        self.event = event
    }
}
