/// Why stake or reputation was taken.
public enum PenaltyReason: UInt8, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    case invalidProof = 0
    case missedDeadline = 1
    case downtime = 2
    case voteAgainstOutcome = 3
    case missedVote = 4

    public var description: String {
        switch self {
        case .invalidProof: "invalid-proof"
        case .missedDeadline: "missed-deadline"
        case .downtime: "downtime"
        case .voteAgainstOutcome: "vote-against-outcome"
        case .missedVote: "missed-vote"
        }
    }
}

/// Something that happened in the market, emitted by transactions and block-boundary processing.
/// Events are committed with the block results and stream to clients.
public enum MarketEvent: Hashable, Sendable {
    case transferred(from: Address, to: Address, amount: Amount)
    case minted(to: Address, amount: Amount)
    case providerRegistered(provider: Address, tier: GPUTier, gpus: UInt32, rate: Amount, stake: Amount)
    case providerUpdated(provider: Address, stake: Amount)
    case providerHeartbeat(provider: Address)
    case providerUnregistered(provider: Address, releaseHeight: BlockHeight)
    case validatorRegistered(validator: Address, stake: Amount)
    case validatorUnregistered(validator: Address, releaseHeight: BlockHeight)
    case stakeWithdrawn(owner: Address, amount: Amount)
    case jobPosted(job: JobID, client: Address, budget: Amount, gpuHours: UInt64, tier: GPUTier)
    case jobCancelled(job: JobID, refund: Amount)
    case jobMatched(job: JobID, assignment: UInt32, provider: Address, gpuHours: UInt64, rate: Amount, cost: Amount)
    case proofSubmitted(job: JobID, assignment: UInt32, provider: Address, checkpointRoot: Hash256, resultHash: Hash256)
    case committeeDrawn(job: JobID, assignment: UInt32, round: UInt32, members: [Address])
    case voteCast(job: JobID, assignment: UInt32, validator: Address, approve: Bool)
    /// A sampling vote rejected: every member now re-executes `segments`.
    case disputeOpened(job: JobID, assignment: UInt32, segments: [UInt32])
    case assignmentVerified(job: JobID, assignment: UInt32, provider: Address, cost: Amount, fee: Amount, payout: Amount)
    case assignmentRejected(job: JobID, assignment: UInt32, provider: Address)
    case assignmentMissedDeadline(job: JobID, assignment: UInt32, provider: Address)
    case assignmentUnverifiable(job: JobID, assignment: UInt32, provider: Address)
    case providerSlashed(provider: Address, amount: Amount, reason: PenaltyReason)
    case validatorRewarded(validator: Address, amount: Amount)
    case validatorPenalized(validator: Address, amount: Amount, reason: PenaltyReason)
    case rewardClaimed(job: JobID, provider: Address, amount: Amount)
    case jobSettled(job: JobID, status: JobStatus, refund: Amount)
    case parametersUpdated

    /// Stable kebab-case kind for logs and the API.
    public var kind: String {
        switch self {
        case .transferred: "transferred"
        case .minted: "minted"
        case .providerRegistered: "provider-registered"
        case .providerUpdated: "provider-updated"
        case .providerHeartbeat: "provider-heartbeat"
        case .providerUnregistered: "provider-unregistered"
        case .validatorRegistered: "validator-registered"
        case .validatorUnregistered: "validator-unregistered"
        case .stakeWithdrawn: "stake-withdrawn"
        case .jobPosted: "job-posted"
        case .jobCancelled: "job-cancelled"
        case .jobMatched: "job-matched"
        case .proofSubmitted: "proof-submitted"
        case .committeeDrawn: "committee-drawn"
        case .voteCast: "vote-cast"
        case .disputeOpened: "dispute-opened"
        case .assignmentVerified: "assignment-verified"
        case .assignmentRejected: "assignment-rejected"
        case .assignmentMissedDeadline: "assignment-missed-deadline"
        case .assignmentUnverifiable: "assignment-unverifiable"
        case .providerSlashed: "provider-slashed"
        case .validatorRewarded: "validator-rewarded"
        case .validatorPenalized: "validator-penalized"
        case .rewardClaimed: "reward-claimed"
        case .jobSettled: "job-settled"
        case .parametersUpdated: "parameters-updated"
        }
    }
}

extension PenaltyReason: CanonicalCodable {
    public func encode(to writer: inout CanonicalWriter) { writer.write(rawValue) }
    public init(from reader: inout CanonicalReader) throws(CanonicalDecodingError) {
        let raw = try reader.readUInt8()
        guard let reason = PenaltyReason(rawValue: raw) else { throw .invalidTag("penalty reason", raw) }
        self = reason
    }
}

extension MarketEvent: CanonicalCodable {
    public func encode(to writer: inout CanonicalWriter) {
        switch self {
        case .transferred(let from, let to, let amount):
            writer.write(UInt8(1)); writer.write(from); writer.write(to); writer.write(amount)
        case .minted(let to, let amount):
            writer.write(UInt8(2)); writer.write(to); writer.write(amount)
        case .providerRegistered(let provider, let tier, let gpus, let rate, let stake):
            writer.write(UInt8(3)); writer.write(provider); writer.write(tier); writer.write(gpus)
            writer.write(rate); writer.write(stake)
        case .providerUpdated(let provider, let stake):
            writer.write(UInt8(4)); writer.write(provider); writer.write(stake)
        case .providerHeartbeat(let provider):
            writer.write(UInt8(5)); writer.write(provider)
        case .providerUnregistered(let provider, let release):
            writer.write(UInt8(6)); writer.write(provider); writer.write(release)
        case .validatorRegistered(let validator, let stake):
            writer.write(UInt8(7)); writer.write(validator); writer.write(stake)
        case .validatorUnregistered(let validator, let release):
            writer.write(UInt8(8)); writer.write(validator); writer.write(release)
        case .stakeWithdrawn(let owner, let amount):
            writer.write(UInt8(9)); writer.write(owner); writer.write(amount)
        case .jobPosted(let job, let client, let budget, let hours, let tier):
            writer.write(UInt8(10)); writer.write(job); writer.write(client); writer.write(budget)
            writer.write(hours); writer.write(tier)
        case .jobCancelled(let job, let refund):
            writer.write(UInt8(11)); writer.write(job); writer.write(refund)
        case .jobMatched(let job, let assignment, let provider, let hours, let rate, let cost):
            writer.write(UInt8(12)); writer.write(job); writer.write(assignment); writer.write(provider)
            writer.write(hours); writer.write(rate); writer.write(cost)
        case .proofSubmitted(let job, let assignment, let provider, let root, let result):
            writer.write(UInt8(13)); writer.write(job); writer.write(assignment); writer.write(provider)
            writer.write(root); writer.write(result)
        case .committeeDrawn(let job, let assignment, let round, let members):
            writer.write(UInt8(14)); writer.write(job); writer.write(assignment); writer.write(round)
            writer.write(members)
        case .voteCast(let job, let assignment, let validator, let approve):
            writer.write(UInt8(15)); writer.write(job); writer.write(assignment); writer.write(validator)
            writer.write(approve)
        case .assignmentVerified(let job, let assignment, let provider, let cost, let fee, let payout):
            writer.write(UInt8(16)); writer.write(job); writer.write(assignment); writer.write(provider)
            writer.write(cost); writer.write(fee); writer.write(payout)
        case .assignmentRejected(let job, let assignment, let provider):
            writer.write(UInt8(17)); writer.write(job); writer.write(assignment); writer.write(provider)
        case .assignmentMissedDeadline(let job, let assignment, let provider):
            writer.write(UInt8(18)); writer.write(job); writer.write(assignment); writer.write(provider)
        case .assignmentUnverifiable(let job, let assignment, let provider):
            writer.write(UInt8(19)); writer.write(job); writer.write(assignment); writer.write(provider)
        case .providerSlashed(let provider, let amount, let reason):
            writer.write(UInt8(20)); writer.write(provider); writer.write(amount); writer.write(reason)
        case .validatorRewarded(let validator, let amount):
            writer.write(UInt8(21)); writer.write(validator); writer.write(amount)
        case .validatorPenalized(let validator, let amount, let reason):
            writer.write(UInt8(22)); writer.write(validator); writer.write(amount); writer.write(reason)
        case .rewardClaimed(let job, let provider, let amount):
            writer.write(UInt8(23)); writer.write(job); writer.write(provider); writer.write(amount)
        case .jobSettled(let job, let status, let refund):
            writer.write(UInt8(24)); writer.write(job); writer.write(status); writer.write(refund)
        case .parametersUpdated:
            writer.write(UInt8(25))
        case .disputeOpened(let job, let assignment, let segments):
            writer.write(UInt8(26)); writer.write(job); writer.write(assignment)
            writer.write(UInt32(segments.count))
            for segment in segments { writer.write(segment) }
        }
    }

    public init(from reader: inout CanonicalReader) throws(CanonicalDecodingError) {
        let tag = try reader.readUInt8()
        switch tag {
        case 1: self = .transferred(from: try reader.readAddress(), to: try reader.readAddress(), amount: try reader.readAmount())
        case 2: self = .minted(to: try reader.readAddress(), amount: try reader.readAmount())
        case 3:
            self = .providerRegistered(
                provider: try reader.readAddress(), tier: try reader.read(GPUTier.self), gpus: try reader.readUInt32(),
                rate: try reader.readAmount(), stake: try reader.readAmount())
        case 4: self = .providerUpdated(provider: try reader.readAddress(), stake: try reader.readAmount())
        case 5: self = .providerHeartbeat(provider: try reader.readAddress())
        case 6: self = .providerUnregistered(provider: try reader.readAddress(), releaseHeight: try reader.readUInt64())
        case 7: self = .validatorRegistered(validator: try reader.readAddress(), stake: try reader.readAmount())
        case 8: self = .validatorUnregistered(validator: try reader.readAddress(), releaseHeight: try reader.readUInt64())
        case 9: self = .stakeWithdrawn(owner: try reader.readAddress(), amount: try reader.readAmount())
        case 10:
            self = .jobPosted(
                job: try reader.read(JobID.self), client: try reader.readAddress(), budget: try reader.readAmount(),
                gpuHours: try reader.readUInt64(), tier: try reader.read(GPUTier.self))
        case 11: self = .jobCancelled(job: try reader.read(JobID.self), refund: try reader.readAmount())
        case 12:
            self = .jobMatched(
                job: try reader.read(JobID.self), assignment: try reader.readUInt32(), provider: try reader.readAddress(),
                gpuHours: try reader.readUInt64(), rate: try reader.readAmount(), cost: try reader.readAmount())
        case 13:
            self = .proofSubmitted(
                job: try reader.read(JobID.self), assignment: try reader.readUInt32(), provider: try reader.readAddress(),
                checkpointRoot: try reader.readHash(), resultHash: try reader.readHash())
        case 14:
            self = .committeeDrawn(
                job: try reader.read(JobID.self), assignment: try reader.readUInt32(), round: try reader.readUInt32(),
                members: try reader.readArray(of: Address.self, field: "members", maxCount: 64))
        case 15:
            self = .voteCast(
                job: try reader.read(JobID.self), assignment: try reader.readUInt32(), validator: try reader.readAddress(),
                approve: try reader.readBool())
        case 16:
            self = .assignmentVerified(
                job: try reader.read(JobID.self), assignment: try reader.readUInt32(), provider: try reader.readAddress(),
                cost: try reader.readAmount(), fee: try reader.readAmount(), payout: try reader.readAmount())
        case 17:
            self = .assignmentRejected(job: try reader.read(JobID.self), assignment: try reader.readUInt32(), provider: try reader.readAddress())
        case 18:
            self = .assignmentMissedDeadline(job: try reader.read(JobID.self), assignment: try reader.readUInt32(), provider: try reader.readAddress())
        case 19:
            self = .assignmentUnverifiable(job: try reader.read(JobID.self), assignment: try reader.readUInt32(), provider: try reader.readAddress())
        case 20:
            self = .providerSlashed(provider: try reader.readAddress(), amount: try reader.readAmount(), reason: try reader.read(PenaltyReason.self))
        case 21: self = .validatorRewarded(validator: try reader.readAddress(), amount: try reader.readAmount())
        case 22:
            self = .validatorPenalized(validator: try reader.readAddress(), amount: try reader.readAmount(), reason: try reader.read(PenaltyReason.self))
        case 23: self = .rewardClaimed(job: try reader.read(JobID.self), provider: try reader.readAddress(), amount: try reader.readAmount())
        case 24: self = .jobSettled(job: try reader.read(JobID.self), status: try reader.read(JobStatus.self), refund: try reader.readAmount())
        case 25: self = .parametersUpdated
        case 26:
            let job = try reader.read(JobID.self)
            let assignment = try reader.readUInt32()
            let count = Int(try reader.readUInt32())
            guard count <= 4_096 else { throw .tooLong("segments", count) }
            var segments: [UInt32] = []
            for _ in 0..<count { segments.append(try reader.readUInt32()) }
            self = .disputeOpened(job: job, assignment: assignment, segments: segments)
        default: throw .invalidTag("event", tag)
        }
    }
}
