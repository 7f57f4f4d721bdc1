/// Every action the market accepts. Names follow the seed contract's functions.
public enum TransactionBody: Hashable, Sendable {
    case transfer(to: Address, amount: Amount)
    /// `register-provider`: stakes `gpuCount x providerStakePerGPU`; counts as a first heartbeat.
    case registerProvider(ProviderSpec)
    /// `provider-heartbeat`: proves liveness for the current availability window.
    case providerHeartbeat
    /// Changes hardware or price; the stake is topped up or returned to match the GPU count.
    case updateProvider(ProviderSpec)
    /// Starts unbonding; refused while the provider holds assignments.
    case unregisterProvider
    case registerValidator(stake: Amount)
    case unregisterValidator
    /// Moves every stake of the sender whose unbonding period ended back to its balance.
    case withdrawStake
    /// `post-job`: escrows `budget`.
    case postJob(spec: JobSpec, budget: Amount)
    /// `cancel-job`: client only, pending jobs without assignments only.
    case cancelJob(JobID)
    /// `match-job`: anyone; assigns the unassigned GPU-hours to the best eligible provider.
    case matchJob(JobID)
    /// `accept-job`: an eligible provider takes `gpuHours` of a pending job.
    case acceptJob(JobID, gpuHours: UInt64)
    /// `submit-proof`: the assigned provider commits to its checkpoints.
    case submitProof(JobID, assignment: UInt32, checkpointRoot: Hash256, resultHash: Hash256, segmentCount: UInt32)
    /// `verify-proof`: a committee member's vote with its recomputed hashes.
    case verifyProof(JobID, assignment: UInt32, approve: Bool, evidence: [SegmentEvidence])
    /// `claim-reward`: the provider collects a verified payout, exactly once.
    case claimReward(JobID)
    /// Governance replaces the parameter set.
    case updateParameters(MarketParameters)
    /// Governance mints on development chains.
    case mint(to: Address, amount: Amount)

    /// The seed-style name used in the API, CLI and docs.
    public var name: String {
        switch self {
        case .transfer: "transfer"
        case .registerProvider: "register-provider"
        case .providerHeartbeat: "provider-heartbeat"
        case .updateProvider: "update-provider"
        case .unregisterProvider: "unregister-provider"
        case .registerValidator: "register-validator"
        case .unregisterValidator: "unregister-validator"
        case .withdrawStake: "withdraw-stake"
        case .postJob: "post-job"
        case .cancelJob: "cancel-job"
        case .matchJob: "match-job"
        case .acceptJob: "accept-job"
        case .submitProof: "submit-proof"
        case .verifyProof: "verify-proof"
        case .claimReward: "claim-reward"
        case .updateParameters: "update-parameters"
        case .mint: "mint"
        }
    }
}

extension TransactionBody: CanonicalCodable {
    public func encode(to writer: inout CanonicalWriter) {
        switch self {
        case .transfer(let to, let amount):
            writer.write(UInt8(1))
            writer.write(to)
            writer.write(amount)
        case .registerProvider(let spec):
            writer.write(UInt8(2))
            writer.write(spec)
        case .providerHeartbeat:
            writer.write(UInt8(3))
        case .updateProvider(let spec):
            writer.write(UInt8(4))
            writer.write(spec)
        case .unregisterProvider:
            writer.write(UInt8(5))
        case .registerValidator(let stake):
            writer.write(UInt8(6))
            writer.write(stake)
        case .unregisterValidator:
            writer.write(UInt8(7))
        case .withdrawStake:
            writer.write(UInt8(8))
        case .postJob(let spec, let budget):
            writer.write(UInt8(9))
            writer.write(spec)
            writer.write(budget)
        case .cancelJob(let job):
            writer.write(UInt8(10))
            writer.write(job)
        case .matchJob(let job):
            writer.write(UInt8(11))
            writer.write(job)
        case .acceptJob(let job, let gpuHours):
            writer.write(UInt8(12))
            writer.write(job)
            writer.write(gpuHours)
        case .submitProof(let job, let assignment, let root, let result, let segments):
            writer.write(UInt8(13))
            writer.write(job)
            writer.write(assignment)
            writer.write(root)
            writer.write(result)
            writer.write(segments)
        case .verifyProof(let job, let assignment, let approve, let evidence):
            writer.write(UInt8(14))
            writer.write(job)
            writer.write(assignment)
            writer.write(approve)
            writer.write(evidence)
        case .claimReward(let job):
            writer.write(UInt8(15))
            writer.write(job)
        case .updateParameters(let parameters):
            writer.write(UInt8(16))
            writer.write(parameters)
        case .mint(let to, let amount):
            writer.write(UInt8(17))
            writer.write(to)
            writer.write(amount)
        }
    }

    public init(from reader: inout CanonicalReader) throws(CanonicalDecodingError) {
        let tag = try reader.readUInt8()
        switch tag {
        case 1: self = .transfer(to: try reader.readAddress(), amount: try reader.readAmount())
        case 2: self = .registerProvider(try reader.read(ProviderSpec.self))
        case 3: self = .providerHeartbeat
        case 4: self = .updateProvider(try reader.read(ProviderSpec.self))
        case 5: self = .unregisterProvider
        case 6: self = .registerValidator(stake: try reader.readAmount())
        case 7: self = .unregisterValidator
        case 8: self = .withdrawStake
        case 9: self = .postJob(spec: try reader.read(JobSpec.self), budget: try reader.readAmount())
        case 10: self = .cancelJob(try reader.read(JobID.self))
        case 11: self = .matchJob(try reader.read(JobID.self))
        case 12: self = .acceptJob(try reader.read(JobID.self), gpuHours: try reader.readUInt64())
        case 13:
            self = .submitProof(
                try reader.read(JobID.self), assignment: try reader.readUInt32(),
                checkpointRoot: try reader.readHash(), resultHash: try reader.readHash(),
                segmentCount: try reader.readUInt32())
        case 14:
            self = .verifyProof(
                try reader.read(JobID.self), assignment: try reader.readUInt32(), approve: try reader.readBool(),
                evidence: try reader.readArray(of: SegmentEvidence.self, field: "evidence", maxCount: 64))
        case 15: self = .claimReward(try reader.read(JobID.self))
        case 16: self = .updateParameters(try reader.read(MarketParameters.self))
        case 17: self = .mint(to: try reader.readAddress(), amount: try reader.readAmount())
        default: throw .invalidTag("transaction body", tag)
        }
    }
}
