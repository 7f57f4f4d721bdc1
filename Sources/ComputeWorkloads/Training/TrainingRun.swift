import MarketCore

/// A finished run: checkpoints C0...Cn and the commitments a provider submits.
public struct TrainingRun: Sendable {
    public let checkpoints: [Checkpoint]

    public init(checkpoints: [Checkpoint]) {
        precondition(!checkpoints.isEmpty, "a run holds at least checkpoint 0")
        self.checkpoints = checkpoints
    }

    /// hash C0 ... hash Cn.
    public var checkpointHashes: [Hash256] { checkpoints.map(\.hash) }

    /// `MerkleList.root` of the checkpoint hashes: the proof's commitment.
    public var merkleRoot: Hash256 { MerkleList.root(checkpointHashes) }

    /// Hash of the final checkpoint Cn.
    public var resultHash: Hash256 { checkpoints[checkpoints.count - 1].hash }

    public var finalCheckpoint: Checkpoint { checkpoints[checkpoints.count - 1] }
}
