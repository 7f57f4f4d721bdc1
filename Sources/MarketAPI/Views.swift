import MarketCore

/// JSON views of the market's records. Amounts are decimal token strings, addresses `depin1...`,
/// hashes hex; field names are stable API.
public struct AccountView: Codable, Hashable, Sendable {
    public var address: Address
    public var balance: Amount
    public var nonce: UInt64

    public init(address: Address, account: Account) {
        self.address = address
        balance = account.balance
        nonce = account.nonce
    }
}

public struct ProviderView: Codable, Hashable, Sendable {
    public var address: Address
    public var tier: GPUTier
    public var gpuCount: UInt32
    public var freeGPUs: UInt32
    public var memoryPerGPUGB: UInt32
    public var ratePerGPUHour: Amount
    public var attested: Bool
    public var stake: Amount
    public var requiredStake: Amount
    public var reputation: UInt8
    public var availabilityBasisPoints: UInt32
    public var online: Bool
    public var status: APIBondingStatus
    public var releaseHeight: BlockHeight?
    public var jailedUntil: BlockHeight
    public var registeredAt: BlockHeight
    public var lastHeartbeat: BlockHeight
    public var activeAssignments: UInt32
    public var completedAssignments: UInt32
    public var failedAssignments: UInt32
    public var earned: Amount
    public var slashed: Amount

    public init(_ info: ProviderInfo) {
        let provider = info.provider
        address = provider.address
        tier = provider.tier
        gpuCount = provider.gpuCount
        freeGPUs = info.freeGPUs
        memoryPerGPUGB = provider.memoryPerGPUGB
        ratePerGPUHour = provider.ratePerGPUHour
        attested = provider.attested
        stake = provider.stake
        requiredStake = info.requiredStake
        reputation = provider.reputation
        availabilityBasisPoints = info.availabilityBasisPoints
        online = info.online
        status = APIBondingStatus(provider.status)
        releaseHeight = provider.status.releaseHeight
        jailedUntil = provider.jailedUntil
        registeredAt = provider.registeredAt
        lastHeartbeat = provider.lastHeartbeat
        activeAssignments = provider.activeAssignments
        completedAssignments = provider.completedAssignments
        failedAssignments = provider.failedAssignments
        earned = provider.earned
        slashed = provider.slashed
    }
}

public struct ValidatorView: Codable, Hashable, Sendable {
    public var address: Address
    public var stake: Amount
    public var reputation: UInt8
    public var status: APIBondingStatus
    public var releaseHeight: BlockHeight?
    public var eligible: Bool
    public var votesCast: UInt64
    public var votesWithOutcome: UInt64
    public var votesAgainstOutcome: UInt64
    public var missedVotes: UInt64
    public var rewards: Amount
    public var penalties: Amount

    public init(_ validator: Validator, eligible: Bool) {
        address = validator.address
        stake = validator.stake
        reputation = validator.reputation
        status = APIBondingStatus(validator.status)
        releaseHeight = validator.status.releaseHeight
        self.eligible = eligible
        votesCast = validator.votesCast
        votesWithOutcome = validator.votesWithOutcome
        votesAgainstOutcome = validator.votesAgainstOutcome
        missedVotes = validator.missedVotes
        rewards = validator.rewards
        penalties = validator.penalties
    }
}

public struct JobSpecView: Codable, Hashable, Sendable {
    public var workloadHash: Hash256
    public var modelHash: Hash256
    public var datasetHash: Hash256
    public var datasetSizeBytes: UInt64
    public var gpuCount: UInt32
    public var tier: GPUTier
    public var memoryPerGPUGB: UInt32
    public var gpuHours: UInt64
    public var maxRatePerGPUHour: Amount
    public var segmentCount: UInt32

    public init(_ spec: JobSpec, tier: GPUTier) {
        workloadHash = spec.workloadHash
        modelHash = spec.modelHash
        datasetHash = spec.datasetHash
        datasetSizeBytes = spec.datasetSizeBytes
        gpuCount = spec.gpuCount
        self.tier = tier
        memoryPerGPUGB = spec.memoryPerGPUGB
        gpuHours = spec.gpuHours
        maxRatePerGPUHour = spec.maxRatePerGPUHour
        segmentCount = spec.segmentCount
    }

    public var spec: JobSpec {
        JobSpec(workloadHash: workloadHash, modelHash: modelHash, datasetHash: datasetHash, datasetSizeBytes: datasetSizeBytes,
                gpuCount: gpuCount, tier: tier, memoryPerGPUGB: memoryPerGPUGB, gpuHours: gpuHours,
                maxRatePerGPUHour: maxRatePerGPUHour, segmentCount: segmentCount)
    }
}

/// One committee member's vote in the current phase.
public struct VoteView: Codable, Hashable, Sendable {
    /// A recomputed segment: the start checkpoint's hash as fetched and the hash the replay gave.
    public struct Evidence: Codable, Hashable, Sendable {
        public var segment: UInt32
        public var startHash: Hash256
        public var endHash: Hash256

        public init(segment: UInt32, startHash: Hash256, endHash: Hash256) {
            self.segment = segment
            self.startHash = startHash
            self.endHash = endHash
        }
    }

    public var validator: Address
    public var approve: Bool
    public var castAt: BlockHeight
    public var evidence: [Evidence]

    public init(validator: Address, approve: Bool, castAt: BlockHeight, evidence: [Evidence]) {
        self.validator = validator
        self.approve = approve
        self.castAt = castAt
        self.evidence = evidence
    }
}

/// A drawn validator and the segments of its own sample.
public struct CommitteeMemberView: Codable, Hashable, Sendable {
    public var validator: Address
    public var segments: [UInt32]

    public init(validator: Address, segments: [UInt32]) {
        self.validator = validator
        self.segments = segments
    }
}

public struct AssignmentView: Codable, Hashable, Sendable {
    /// The segments `validator` must cover with evidence now, or nil when it is not on the
    /// committee. The core's rule (`Assignment.requiredSegments`) decides; a phase this build does
    /// not know also gives nil, since a vote could not be checked against it.
    public func requiredSegments(for validator: Address) -> [UInt32]? {
        guard let phase = VotingPhase(phase) else { return nil }
        return Assignment.requiredSegments(
            for: validator, committee: committee.map { CommitteeMember(validator: $0.validator, segments: $0.segments) },
            phase: phase, disputedSegments: disputedSegments)
    }

    public var index: UInt32
    public var provider: Address
    public var gpuHours: UInt64
    public var gpus: UInt32
    public var ratePerGPUHour: Amount
    public var cost: Amount
    public var status: APIAssignmentStatus
    public var assignedAt: BlockHeight
    public var proofDeadline: BlockHeight
    public var checkpointRoot: Hash256?
    public var resultHash: Hash256?
    public var proofSegmentCount: UInt32?
    public var proofSubmittedAt: BlockHeight?
    public var round: UInt32
    public var challengeSeed: Hash256?
    public var committee: [CommitteeMemberView]
    public var votingDeadline: BlockHeight?
    /// `sampling` (each member checks its own segments) or `dispute` (every member checks
    /// `disputedSegments`).
    public var phase: APIVotingPhase
    public var disputedSegments: [UInt32]
    /// Votes of the current phase.
    public var votes: [VoteView]
    public var fee: Amount
    public var providerPayout: Amount
    public var claimed: Bool

    public init(_ assignment: Assignment) {
        index = assignment.index
        provider = assignment.provider
        gpuHours = assignment.gpuHours
        gpus = assignment.gpus
        ratePerGPUHour = assignment.ratePerGPUHour
        cost = assignment.cost
        status = APIAssignmentStatus(assignment.status)
        assignedAt = assignment.assignedAt
        proofDeadline = assignment.proofDeadline
        checkpointRoot = assignment.proof?.checkpointRoot
        resultHash = assignment.proof?.resultHash
        proofSegmentCount = assignment.proof?.segmentCount
        proofSubmittedAt = assignment.proof?.submittedAt
        round = assignment.round
        challengeSeed = assignment.committee.isEmpty ? nil : assignment.challengeSeed
        committee = assignment.committee.map { CommitteeMemberView(validator: $0.validator, segments: $0.segments) }
        votingDeadline = assignment.proof == nil ? nil : assignment.votingDeadline
        phase = APIVotingPhase(assignment.phase)
        disputedSegments = assignment.disputedSegments
        votes = assignment.votes.map { vote in
            VoteView(validator: vote.validator, approve: vote.approve, castAt: vote.castAt,
                     evidence: vote.evidence.map { .init(segment: $0.segment, startHash: $0.startHash, endHash: $0.endHash) })
        }
        fee = assignment.fee
        providerPayout = assignment.providerPayout
        claimed = assignment.claimed
    }
}

public struct JobView: Codable, Hashable, Sendable {
    public var id: JobID
    public var client: Address
    public var status: APIJobStatus
    public var spec: JobSpecView
    public var budget: Amount
    public var escrow: Amount
    public var reserved: Amount
    public var paid: Amount
    public var refunded: Amount
    public var postedAt: BlockHeight
    public var expiresAt: BlockHeight
    public var unassignedGPUHours: UInt64
    public var excludedProviders: [Address]
    public var assignments: [AssignmentView]

    public init(_ job: Job) {
        id = job.id
        client = job.client
        status = APIJobStatus(job.status)
        spec = JobSpecView(job.spec, tier: job.tier)
        budget = job.budget
        escrow = job.escrow
        reserved = job.reserved
        paid = job.paid
        refunded = job.refunded
        postedAt = job.postedAt
        expiresAt = job.expiresAt
        unassignedGPUHours = job.unassignedGPUHours
        excludedProviders = job.excluded
        assignments = job.assignments.map(AssignmentView.init)
    }
}

public struct MarketStatsView: Codable, Hashable, Sendable {
    public var height: BlockHeight
    public var totalProviders: Int
    public var onlineProviders: Int
    public var totalValidators: Int
    public var activeValidators: Int
    public var totalGPUs: UInt64
    public var busyGPUs: UInt64
    public var utilizationBasisPoints: UInt32
    public var totalJobs: UInt64
    /// Job count per status; the keys are `APIJobStatus` spellings.
    public var jobsByStatus: [APIJobStatus: UInt64]
    public var gpuHoursVerified: UInt64
    public var treasury: Amount
    public var escrowed: Amount
    public var staked: Amount
    public var claimable: Amount
    public var supply: Amount
    public var feesCollected: Amount
    public var slashed: Amount
    public var moneyConserved: Bool

    public init(_ stats: MarketStats, moneyConserved: Bool) {
        height = stats.height
        totalProviders = stats.totalProviders
        onlineProviders = stats.onlineProviders
        totalValidators = stats.totalValidators
        activeValidators = stats.activeValidators
        totalGPUs = stats.totalGPUs
        busyGPUs = stats.busyGPUs
        utilizationBasisPoints = stats.utilizationBasisPoints
        totalJobs = stats.totalJobs
        jobsByStatus = Dictionary(uniqueKeysWithValues: stats.jobsByStatus.map { (APIJobStatus($0.key), $0.value) })
        gpuHoursVerified = stats.gpuHoursVerified
        treasury = stats.treasury
        escrowed = stats.escrowed
        staked = stats.staked
        claimable = stats.claimable
        supply = stats.supply
        feesCollected = stats.feesCollected
        slashed = stats.slashed
        self.moneyConserved = moneyConserved
    }
}

public struct CostQuoteView: Codable, Hashable, Sendable {
    public var gpuHours: UInt64
    public var tier: GPUTier
    public var ratePerGPUHour: Amount
    public var cost: Amount
    public var platformFee: Amount
    public var providerPayout: Amount
    public var referenceCost: Amount

    public init(_ quote: CostQuote, tier: GPUTier) {
        gpuHours = quote.gpuHours
        self.tier = tier
        ratePerGPUHour = quote.ratePerGPUHour
        cost = quote.cost
        platformFee = quote.platformFee
        providerPayout = quote.providerPayout
        referenceCost = quote.referenceCost
    }
}

/// A page of a list endpoint.
public struct Page<Item: Codable & Hashable & Sendable>: Codable, Hashable, Sendable {
    public var items: [Item]
    public var total: Int
    public var offset: Int
    public var limit: Int

    public init(items: [Item], total: Int, offset: Int, limit: Int) {
        self.items = items
        self.total = total
        self.offset = offset
        self.limit = limit
    }
}
