import MarketCore

/// What a validator concludes about one segment.
public enum SegmentVerdict: Hashable, Sendable {
    /// Replaying from C_i gave the claimed hash of C_(i+1).
    case match(Hash256)
    /// Replaying gave `recomputed`, not `claimed`.
    case mismatch(recomputed: Hash256, claimed: Hash256)
    /// C_i does not decode for this workload or is not at segment i's starting step, so the
    /// segment cannot be replayed: it counts as failed.
    case invalidCheckpoint(WorkloadError)

    public var isMatch: Bool {
        if case .match = self { return true }
        return false
    }

    /// The recomputed hash to send as evidence, when the replay ran.
    public var recomputedHash: Hash256? {
        switch self {
        case .match(let hash): hash
        case .mismatch(let recomputed, _): recomputed
        case .invalidCheckpoint: nil
        }
    }
}

/// Replays single segments for validators.
public struct SegmentVerifier: Sendable {
    public let workload: any Workload

    public init(workload: any Workload) {
        self.workload = workload
    }

    /// Builds the workload for `description` (validating it) with `WorkloadFactory`.
    public init(
        description: WorkloadDescription, external: ExternalCommandConfiguration = ExternalCommandConfiguration()
    ) throws(WorkloadError) {
        self.workload = try WorkloadFactory.make(description, external: external)
    }

    /// Replays segment `index` from the bytes of C_index and compares with the claimed hash of
    /// C_(index+1). Errors of the trainer itself (an external command that cannot start) are
    /// thrown, since they say nothing about the provider.
    public func verify(segment index: Int, from start: [UInt8], claimedNext: Hash256) throws(WorkloadError) -> SegmentVerdict {
        let next: Checkpoint
        do {
            next = try workload.runSegment(index: index, from: Checkpoint(bytes: start))
        } catch {
            switch error {
            case .malformedCheckpoint, .wrongSegment: return .invalidCheckpoint(error)
            default: throw error
            }
        }
        return next.hash == claimedNext ? .match(next.hash) : .mismatch(recomputed: next.hash, claimed: claimedNext)
    }

    /// Also checks that `start` hashes to the committed `startHash` (from the Merkle proof) first.
    public func verify(
        segment index: Int, from start: [UInt8], startHash: Hash256, claimedNext: Hash256
    ) throws(WorkloadError) -> SegmentVerdict {
        guard Hash256.sha256(start) == startHash else {
            return .invalidCheckpoint(.malformedCheckpoint("checkpoint \(index) bytes do not hash to the committed \(startHash)"))
        }
        return try verify(segment: index, from: start, claimedNext: claimedNext)
    }
}
