/// Runs every segment of a workload, resuming after the checkpoints it already has.
public struct Trainer: Sendable {
    public let workload: any Workload

    public init(workload: any Workload) {
        self.workload = workload
    }

    /// Trains from `existing` (C0...Ck from storage, possibly empty) through C(segmentCount).
    ///
    /// `existing` must start with this workload's checkpoint 0 and hold at most segmentCount + 1
    /// checkpoints; the later ones are trusted as stored (a replay would cost a full rerun).
    /// `onSegment(i, C(i+1))` is called after each new segment i, in order, so callers can persist
    /// checkpoints and report progress.
    public func run(
        resumingFrom existing: [Checkpoint] = [],
        onSegment: (_ index: Int, _ checkpoint: Checkpoint) throws(WorkloadError) -> Void = { _, _ in }
    ) throws(WorkloadError) -> TrainingRun {
        let segments = workload.segmentCount
        guard existing.count <= segments + 1 else {
            throw .resumeMismatch("\(existing.count) stored checkpoints for \(segments) segments")
        }
        var checkpoints = existing
        let initial = try workload.initialCheckpoint()
        if let first = checkpoints.first {
            guard first.hash == initial.hash else {
                throw .resumeMismatch("stored checkpoint 0 is \(first.hash), this workload's is \(initial.hash)")
            }
        } else {
            checkpoints.append(initial)
        }
        checkpoints.reserveCapacity(segments + 1)
        var index = checkpoints.count - 1
        while index < segments {
            let next = try workload.runSegment(index: index, from: checkpoints[index])
            checkpoints.append(next)
            try onSegment(index, next)
            index += 1
        }
        return TrainingRun(checkpoints: checkpoints)
    }
}
