/// A deterministic, segment-replayable training job: checkpoint 0 comes from the description alone,
/// and segment i maps checkpoint i to checkpoint i+1, bit for bit the same on every run.
public protocol Workload: Sendable {
    /// The description this workload runs.
    var workloadDescription: WorkloadDescription { get }

    /// Checkpoint 0, derived from the seed.
    func initialCheckpoint() throws(WorkloadError) -> Checkpoint

    /// Runs segment `index` (0-based) from checkpoint `index` and returns checkpoint `index + 1`.
    func runSegment(index: Int, from checkpoint: Checkpoint) throws(WorkloadError) -> Checkpoint

    /// Held-out accuracy (and loss, where known) of a checkpoint.
    func evaluate(_ checkpoint: Checkpoint) throws(WorkloadError) -> Evaluation

    /// A checkpoint claiming segment `index` ran, produced WITHOUT running it: what a cheating
    /// provider commits to. For adversary tests and the demo only; a replay exposes it.
    func skipSegment(index: Int, from checkpoint: Checkpoint) throws(WorkloadError) -> Checkpoint
}

extension Workload {
    /// Default fake: the previous checkpoint with one byte changed, so it no longer replays.
    public func skipSegment(index: Int, from checkpoint: Checkpoint) throws(WorkloadError) -> Checkpoint {
        try checkSegmentIndex(index)
        var bytes = checkpoint.bytes
        bytes.append(UInt8(truncatingIfNeeded: index))
        return Checkpoint(bytes: bytes)
    }

    /// Number of segments; checkpoints are C0...C(segmentCount).
    public var segmentCount: Int { workloadDescription.training.segments }

    func checkSegmentIndex(_ index: Int) throws(WorkloadError) {
        guard index >= 0, index < segmentCount else { throw .segmentOutOfRange(index: index, segments: segmentCount) }
    }
}
