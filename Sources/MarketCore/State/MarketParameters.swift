/// Every tunable number of the market. Defaults are the seed contract's constants where it had
/// them; changed only by the governance account through `update-parameters`. In JSON every
/// parameter is required, so a genesis file states the whole rule set explicitly.
public struct MarketParameters: Hashable, Sendable, Codable {
    /// Minimum memory per GPU in GB (seed: 8).
    public var minGPUMemoryGB: UInt32 = 8
    /// Platform fee on job cost, basis points (seed: 250 = 2.5 %).
    public var platformFeeBasisPoints: UInt32 = 250
    /// Matching votes that decide a proof (seed: 3).
    public var verificationThreshold: UInt32 = 3
    /// Validators drawn per proof; a majority of them must be able to reach the threshold.
    public var committeeSize: UInt32 = 5
    /// Segments each committee member re-executes (q).
    public var segmentsPerValidator: UInt32 = 2
    /// Availability a provider must keep, basis points (seed: 95 %).
    public var uptimeRequirementBasisPoints: UInt32 = 9_500
    /// Reference rate per GPU-hour for each tier (seed: 0.25 / 0.5 / 1.0 token).
    public var consumerReferenceRate: Amount = Amount(microUnits: 250_000)
    public var prosumerReferenceRate: Amount = Amount(microUnits: 500_000)
    public var datacenterReferenceRate: Amount = Amount(microUnits: 1_000_000)
    /// Provider stake per registered GPU.
    public var providerStakePerGPU: Amount = .tokens(10)
    /// Minimum validator stake.
    public var validatorMinimumStake: Amount = .tokens(100)
    /// Share of the platform fee paid to the validators who voted with an approval, basis points.
    public var validatorFeeShareBasisPoints: UInt32 = 4_000
    /// Share of a provider's slashed stake paid to the validators who voted to reject, basis points.
    public var whistleblowerShareBasisPoints: UInt32 = 2_000
    /// Slash of provider stake for a rejected proof.
    public var invalidProofSlashBasisPoints: UInt32 = 5_000
    /// Slash of provider stake for a missed proof deadline.
    public var missedDeadlineSlashBasisPoints: UInt32 = 1_000
    /// Slash of provider stake per availability window under the requirement while assigned.
    public var downtimeSlashBasisPoints: UInt32 = 200
    /// Slash of validator stake for a vote against the final outcome.
    public var wrongVoteSlashBasisPoints: UInt32 = 100
    /// Blocks a provider is jailed after a rejected proof.
    public var jailBlocks: UInt64 = 100
    /// Length of an availability window in blocks; one heartbeat per window counts it as up.
    public var heartbeatWindowBlocks: UInt64 = 10
    /// A provider is online when its last heartbeat is at most this many blocks old.
    public var livenessWindowBlocks: UInt64 = 20
    /// Blocks an assignment has to deliver its proof.
    public var proofDeadlineBlocks: UInt64 = 200
    /// Blocks a committee has to reach the threshold before it is re-drawn.
    public var validationDeadlineBlocks: UInt64 = 50
    /// Committee re-draws before an assignment is declared unverifiable and refunded.
    public var maxCommitteeRedraws: UInt32 = 3
    /// Blocks between unregistering and being able to withdraw a stake.
    public var unbondingBlocks: UInt64 = 100
    /// Blocks a job may wait for providers before its unassigned part expires.
    public var pendingJobTimeoutBlocks: UInt64 = 1_000
    /// Providers that may cover one job at once (seed: 10).
    public var maxProvidersPerJob: UInt32 = 10
    /// Assignment records per job, failed ones included; bounds rematching.
    public var maxAssignmentsPerJob: UInt32 = 20
    public var maxGPUsPerProvider: UInt32 = 1_024
    public var maxGPUsPerJob: UInt32 = 256
    public var maxGPUHoursPerJob: UInt64 = 10_000_000
    public var maxSegmentsPerJob: UInt32 = 4_096
    /// Minimum fee per transaction, paid to the treasury even when the transaction fails.
    public var minimumTransactionFee: Amount = Amount(microUnits: 1_000)
    /// Largest blob (checkpoint, model) the node accepts, in bytes.
    public var maxBlobBytes: UInt64 = 64 * 1024 * 1024
    /// Whether the governance account may mint (development chains only).
    public var mintingEnabled: Bool = false

    public init() {}

    /// Upper bound of every block-count parameter (about a year at one block per second), so
    /// `height + span` can never overflow.
    public static let maxBlockSpan: UInt64 = 31_536_000

    /// The reference rate per GPU-hour of a tier.
    public func referenceRate(for tier: GPUTier) -> Amount {
        switch tier {
        case .consumer: consumerReferenceRate
        case .prosumer: prosumerReferenceRate
        case .datacenter: datacenterReferenceRate
        }
    }

    /// Checks internal consistency; a governance update that fails this changes nothing.
    public func validate() throws(MarketError) {
        let basisPoints = [
            platformFeeBasisPoints, uptimeRequirementBasisPoints, validatorFeeShareBasisPoints,
            whistleblowerShareBasisPoints, invalidProofSlashBasisPoints, missedDeadlineSlashBasisPoints,
            downtimeSlashBasisPoints, wrongVoteSlashBasisPoints,
        ]
        guard basisPoints.allSatisfy({ $0 <= 10_000 }),
              minGPUMemoryGB >= 1,
              verificationThreshold >= 1, committeeSize >= verificationThreshold,
              committeeSize <= 64, verificationThreshold * 2 > committeeSize,
              segmentsPerValidator >= 1, segmentsPerValidator <= 64,
              // A dispute covers every rejecting member's sample, and a vote carries at most 64
              // evidence entries.
              committeeSize * segmentsPerValidator <= 64,
              !consumerReferenceRate.isZero,
              consumerReferenceRate <= prosumerReferenceRate, prosumerReferenceRate <= datacenterReferenceRate,
              heartbeatWindowBlocks >= 1, livenessWindowBlocks >= heartbeatWindowBlocks,
              proofDeadlineBlocks >= 1, validationDeadlineBlocks >= 1, maxCommitteeRedraws <= 16,
              pendingJobTimeoutBlocks >= 1,
              [jailBlocks, heartbeatWindowBlocks, livenessWindowBlocks, proofDeadlineBlocks, validationDeadlineBlocks,
               unbondingBlocks, pendingJobTimeoutBlocks].allSatisfy({ $0 <= MarketParameters.maxBlockSpan }),
              !providerStakePerGPU.isZero, !validatorMinimumStake.isZero,
              maxProvidersPerJob >= 1, maxProvidersPerJob <= 10, maxAssignmentsPerJob >= maxProvidersPerJob,
              maxAssignmentsPerJob <= 64,
              maxGPUsPerProvider >= 1, maxGPUsPerJob >= 1, maxGPUHoursPerJob >= 1,
              maxSegmentsPerJob >= 1, maxSegmentsPerJob <= 4_096
        else { throw .invalidParameters }
    }
}

extension MarketParameters: CanonicalCodable {
    public func encode(to writer: inout CanonicalWriter) {
        writer.write(minGPUMemoryGB)
        writer.write(platformFeeBasisPoints)
        writer.write(verificationThreshold)
        writer.write(committeeSize)
        writer.write(segmentsPerValidator)
        writer.write(uptimeRequirementBasisPoints)
        writer.write(consumerReferenceRate)
        writer.write(prosumerReferenceRate)
        writer.write(datacenterReferenceRate)
        writer.write(providerStakePerGPU)
        writer.write(validatorMinimumStake)
        writer.write(validatorFeeShareBasisPoints)
        writer.write(whistleblowerShareBasisPoints)
        writer.write(invalidProofSlashBasisPoints)
        writer.write(missedDeadlineSlashBasisPoints)
        writer.write(downtimeSlashBasisPoints)
        writer.write(wrongVoteSlashBasisPoints)
        writer.write(jailBlocks)
        writer.write(heartbeatWindowBlocks)
        writer.write(livenessWindowBlocks)
        writer.write(proofDeadlineBlocks)
        writer.write(validationDeadlineBlocks)
        writer.write(maxCommitteeRedraws)
        writer.write(unbondingBlocks)
        writer.write(pendingJobTimeoutBlocks)
        writer.write(maxProvidersPerJob)
        writer.write(maxAssignmentsPerJob)
        writer.write(maxGPUsPerProvider)
        writer.write(maxGPUsPerJob)
        writer.write(maxGPUHoursPerJob)
        writer.write(maxSegmentsPerJob)
        writer.write(minimumTransactionFee)
        writer.write(maxBlobBytes)
        writer.write(mintingEnabled)
    }

    public init(from reader: inout CanonicalReader) throws(CanonicalDecodingError) {
        minGPUMemoryGB = try reader.readUInt32()
        platformFeeBasisPoints = try reader.readUInt32()
        verificationThreshold = try reader.readUInt32()
        committeeSize = try reader.readUInt32()
        segmentsPerValidator = try reader.readUInt32()
        uptimeRequirementBasisPoints = try reader.readUInt32()
        consumerReferenceRate = try reader.readAmount()
        prosumerReferenceRate = try reader.readAmount()
        datacenterReferenceRate = try reader.readAmount()
        providerStakePerGPU = try reader.readAmount()
        validatorMinimumStake = try reader.readAmount()
        validatorFeeShareBasisPoints = try reader.readUInt32()
        whistleblowerShareBasisPoints = try reader.readUInt32()
        invalidProofSlashBasisPoints = try reader.readUInt32()
        missedDeadlineSlashBasisPoints = try reader.readUInt32()
        downtimeSlashBasisPoints = try reader.readUInt32()
        wrongVoteSlashBasisPoints = try reader.readUInt32()
        jailBlocks = try reader.readUInt64()
        heartbeatWindowBlocks = try reader.readUInt64()
        livenessWindowBlocks = try reader.readUInt64()
        proofDeadlineBlocks = try reader.readUInt64()
        validationDeadlineBlocks = try reader.readUInt64()
        maxCommitteeRedraws = try reader.readUInt32()
        unbondingBlocks = try reader.readUInt64()
        pendingJobTimeoutBlocks = try reader.readUInt64()
        maxProvidersPerJob = try reader.readUInt32()
        maxAssignmentsPerJob = try reader.readUInt32()
        maxGPUsPerProvider = try reader.readUInt32()
        maxGPUsPerJob = try reader.readUInt32()
        maxGPUHoursPerJob = try reader.readUInt64()
        maxSegmentsPerJob = try reader.readUInt32()
        minimumTransactionFee = try reader.readAmount()
        maxBlobBytes = try reader.readUInt64()
        mintingEnabled = try reader.readBool()
    }
}
