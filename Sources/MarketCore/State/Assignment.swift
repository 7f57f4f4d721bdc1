/// One provider's shard of a job: its GPU-hours, price, proof, committee, votes and payout.
public struct Assignment: Hashable, Sendable {
    public var index: UInt32
    public var provider: Address
    public var gpuHours: UInt64
    public var gpus: UInt32
    public var ratePerGPUHour: Amount
    /// gpuHours x rate: what the client pays for this shard once verified.
    public var cost: Amount
    public var assignedAt: BlockHeight
    public var proofDeadline: BlockHeight
    public var status: AssignmentStatus
    public var proof: ProofCommitment?
    /// Committee re-draws so far (0 for the first committee).
    public var round: UInt32
    public var challengeSeed: Hash256
    public var committee: [CommitteeMember]
    public var votingDeadline: BlockHeight
    /// Sampling: every member checks its own segments. Dispute: someone rejected, so every member
    /// re-executes the disputed segments and `verificationThreshold` matching votes decide.
    public var phase: VotingPhase
    /// Segments named by rejecting votes, ascending; what a dispute is about.
    public var disputedSegments: [UInt32]
    /// Members whose sampling-phase rejection opened the dispute.
    public var initialRejecters: [Address]
    /// Votes of the current phase.
    public var votes: [Vote]
    /// Validators that were drawn but did not vote before a deadline; not drawn again. Sorted.
    public var skippedValidators: [Address]
    public var fee: Amount
    public var providerPayout: Amount
    public var claimed: Bool
}

extension Assignment {
    /// The segments `validator` must cover with evidence in the current phase, or nil when it is
    /// not on the committee: its own sample while sampling, the disputed segments in a dispute.
    public func requiredSegments(for validator: Address) -> [UInt32]? {
        Self.requiredSegments(for: validator, committee: committee, phase: phase, disputedSegments: disputedSegments)
    }

    /// The rule behind `requiredSegments(for:)`, for callers that hold only the parts it reads
    /// (the API's assignment view): the member's own sample while sampling, the disputed
    /// segments in a dispute, nil for a validator that is not on `committee`.
    public static func requiredSegments(
        for validator: Address, committee: [CommitteeMember], phase: VotingPhase, disputedSegments: [UInt32]
    ) -> [UInt32]? {
        guard let member = committee.first(where: { $0.validator == validator }) else { return nil }
        return phase == .dispute ? disputedSegments : member.segments
    }
}

/// Lifecycle of an assignment.
public enum AssignmentStatus: UInt8, Hashable, Sendable, CaseIterable, CustomStringConvertible, CanonicalCodable {
    /// Training; the proof is due by `proofDeadline`.
    case assigned = 0
    /// Proof submitted; the committee is drawn from the next block's seed.
    case awaitingCommittee = 1
    /// Committee drawn; votes are due by `votingDeadline`.
    case voting = 2
    case verified = 3
    case rejected = 4
    /// The proof deadline passed without a proof.
    case missedDeadline = 5
    /// No committee reached a decision within the allowed re-draws; the cost was refunded.
    case unverifiable = 6

    public var isFinal: Bool { rawValue >= 3 }

    public var description: String {
        switch self {
        case .assigned: "assigned"
        case .awaitingCommittee: "awaiting-committee"
        case .voting: "voting"
        case .verified: "verified"
        case .rejected: "rejected"
        case .missedDeadline: "missed-deadline"
        case .unverifiable: "unverifiable"
        }
    }

    public func encode(to writer: inout CanonicalWriter) { writer.write(rawValue) }
    public init(from reader: inout CanonicalReader) throws(CanonicalDecodingError) {
        let raw = try reader.readUInt8()
        guard let status = AssignmentStatus(rawValue: raw) else { throw .invalidTag("assignment status", raw) }
        self = status
    }
}

/// The two voting phases of a committee.
public enum VotingPhase: UInt8, Hashable, Sendable, CustomStringConvertible, CanonicalCodable {
    case sampling = 0
    case dispute = 1

    public var description: String { self == .sampling ? "sampling" : "dispute" }

    public func encode(to writer: inout CanonicalWriter) { writer.write(rawValue) }
    public init(from reader: inout CanonicalReader) throws(CanonicalDecodingError) {
        let raw = try reader.readUInt8()
        guard let phase = VotingPhase(rawValue: raw) else { throw .invalidTag("voting phase", raw) }
        self = phase
    }
}

/// What a provider commits to in `submit-proof`.
public struct ProofCommitment: Hashable, Sendable, CanonicalCodable {
    /// Merkle root over the checkpoint hashes C0...Cn.
    public var checkpointRoot: Hash256
    /// Hash of the final checkpoint (the trained model).
    public var resultHash: Hash256
    public var segmentCount: UInt32
    public var submittedAt: BlockHeight

    public init(checkpointRoot: Hash256, resultHash: Hash256, segmentCount: UInt32, submittedAt: BlockHeight) {
        self.checkpointRoot = checkpointRoot
        self.resultHash = resultHash
        self.segmentCount = segmentCount
        self.submittedAt = submittedAt
    }

    public func encode(to writer: inout CanonicalWriter) {
        writer.write(checkpointRoot)
        writer.write(resultHash)
        writer.write(segmentCount)
        writer.write(submittedAt)
    }

    public init(from reader: inout CanonicalReader) throws(CanonicalDecodingError) {
        checkpointRoot = try reader.readHash()
        resultHash = try reader.readHash()
        segmentCount = try reader.readUInt32()
        submittedAt = try reader.readUInt64()
    }
}

/// A drawn validator and the segments it must re-execute.
public struct CommitteeMember: Hashable, Sendable, CanonicalCodable {
    public var validator: Address
    /// Segment indices in ascending order; segment i runs checkpoint i to checkpoint i+1.
    public var segments: [UInt32]

    public init(validator: Address, segments: [UInt32]) {
        self.validator = validator
        self.segments = segments
    }

    public func encode(to writer: inout CanonicalWriter) {
        writer.write(validator)
        writer.write(UInt32(segments.count))
        for segment in segments { writer.write(segment) }
    }

    public init(from reader: inout CanonicalReader) throws(CanonicalDecodingError) {
        validator = try reader.readAddress()
        let count = Int(try reader.readUInt32())
        guard count <= 64 else { throw .tooLong("segments", count) }
        segments = []
        for _ in 0..<count { segments.append(try reader.readUInt32()) }
    }
}

/// A validator's recomputation of one challenged segment.
public struct SegmentEvidence: Hashable, Sendable, CanonicalCodable {
    public var segment: UInt32
    /// Hash of checkpoint `segment` as fetched (zero when it was unavailable).
    public var startHash: Hash256
    /// Hash the validator obtained by replaying the segment (zero when it could not replay).
    public var endHash: Hash256

    public init(segment: UInt32, startHash: Hash256, endHash: Hash256) {
        self.segment = segment
        self.startHash = startHash
        self.endHash = endHash
    }

    public func encode(to writer: inout CanonicalWriter) {
        writer.write(segment)
        writer.write(startHash)
        writer.write(endHash)
    }

    public init(from reader: inout CanonicalReader) throws(CanonicalDecodingError) {
        segment = try reader.readUInt32()
        startHash = try reader.readHash()
        endHash = try reader.readHash()
    }
}

/// One committee member's vote.
public struct Vote: Hashable, Sendable, CanonicalCodable {
    public var validator: Address
    public var approve: Bool
    public var evidence: [SegmentEvidence]
    public var castAt: BlockHeight

    public init(validator: Address, approve: Bool, evidence: [SegmentEvidence], castAt: BlockHeight) {
        self.validator = validator
        self.approve = approve
        self.evidence = evidence
        self.castAt = castAt
    }

    public func encode(to writer: inout CanonicalWriter) {
        writer.write(validator)
        writer.write(approve)
        writer.write(evidence)
        writer.write(castAt)
    }

    public init(from reader: inout CanonicalReader) throws(CanonicalDecodingError) {
        validator = try reader.readAddress()
        approve = try reader.readBool()
        evidence = try reader.readArray(of: SegmentEvidence.self, field: "evidence", maxCount: 64)
        castAt = try reader.readUInt64()
    }
}

extension Assignment: CanonicalCodable {
    public func encode(to writer: inout CanonicalWriter) {
        writer.write(index)
        writer.write(provider)
        writer.write(gpuHours)
        writer.write(gpus)
        writer.write(ratePerGPUHour)
        writer.write(cost)
        writer.write(assignedAt)
        writer.write(proofDeadline)
        writer.write(status)
        writer.write(proof)
        writer.write(round)
        writer.write(challengeSeed)
        writer.write(committee)
        writer.write(votingDeadline)
        writer.write(phase)
        writer.write(UInt32(disputedSegments.count))
        for segment in disputedSegments { writer.write(segment) }
        writer.write(initialRejecters)
        writer.write(votes)
        writer.write(skippedValidators)
        writer.write(fee)
        writer.write(providerPayout)
        writer.write(claimed)
    }

    public init(from reader: inout CanonicalReader) throws(CanonicalDecodingError) {
        index = try reader.readUInt32()
        provider = try reader.readAddress()
        gpuHours = try reader.readUInt64()
        gpus = try reader.readUInt32()
        ratePerGPUHour = try reader.readAmount()
        cost = try reader.readAmount()
        assignedAt = try reader.readUInt64()
        proofDeadline = try reader.readUInt64()
        status = try reader.read(AssignmentStatus.self)
        proof = try reader.readOptional(ProofCommitment.self)
        round = try reader.readUInt32()
        challengeSeed = try reader.readHash()
        committee = try reader.readArray(of: CommitteeMember.self, field: "committee", maxCount: 64)
        votingDeadline = try reader.readUInt64()
        phase = try reader.read(VotingPhase.self)
        let disputedCount = Int(try reader.readUInt32())
        guard disputedCount <= 4_096 else { throw .tooLong("disputed segments", disputedCount) }
        disputedSegments = []
        for _ in 0..<disputedCount { disputedSegments.append(try reader.readUInt32()) }
        initialRejecters = try reader.readArray(of: Address.self, field: "initial rejecters", maxCount: 64)
        votes = try reader.readArray(of: Vote.self, field: "votes", maxCount: 64)
        skippedValidators = try reader.readArray(of: Address.self, field: "skipped validators", maxCount: 4_096)
        fee = try reader.readAmount()
        providerPayout = try reader.readAmount()
        claimed = try reader.readBool()
    }
}
