/// Every expected failure of describing, training, replaying or detecting, with a stable name.
public enum WorkloadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A description member is missing, out of bounds or contradicts another.
    case invalidDescription(field: String, reason: String)
    /// Checkpoint bytes do not decode as this workload's checkpoint.
    case malformedCheckpoint(String)
    /// The checkpoint is valid but sits at another step than segment `index` starts from.
    case wrongSegment(index: Int, expectedStep: UInt64, checkpointStep: UInt64)
    case segmentOutOfRange(index: Int, segments: Int)
    /// Stored checkpoints to resume from do not start with this workload's checkpoint 0.
    case resumeMismatch(String)
    /// The external trainer could not start, exited non-zero or broke the protocol.
    case externalFailed(reason: String, exitCode: Int32?, stderr: String)
    case externalTimedOut(seconds: Int, stderr: String)
    case externalOutputTooLarge(what: String, limitBytes: Int)
    /// The trainer's evaluation output is not `{"accuracyBps": N}` with N in 0...10000.
    case invalidEvaluation(String)

    /// Stable kebab-case name for logs and API errors.
    public var name: String {
        switch self {
        case .invalidDescription: "invalid-workload"
        case .malformedCheckpoint: "malformed-checkpoint"
        case .wrongSegment: "wrong-segment"
        case .segmentOutOfRange: "segment-out-of-range"
        case .resumeMismatch: "resume-mismatch"
        case .externalFailed: "external-command-failed"
        case .externalTimedOut: "external-command-timeout"
        case .externalOutputTooLarge: "external-output-too-large"
        case .invalidEvaluation: "invalid-evaluation"
        }
    }

    public var description: String {
        switch self {
        case .invalidDescription(let field, let reason):
            "\(name): \(field) \(reason)"
        case .malformedCheckpoint(let reason):
            "\(name): \(reason)"
        case .wrongSegment(let index, let expectedStep, let checkpointStep):
            "\(name): segment \(index) starts at step \(expectedStep) but the checkpoint is at step \(checkpointStep)"
        case .segmentOutOfRange(let index, let segments):
            "\(name): segment \(index) is outside 0..<\(segments)"
        case .resumeMismatch(let reason):
            "\(name): \(reason)"
        case .externalFailed(let reason, let exitCode, let stderr):
            "\(name): \(reason)" + (exitCode.map { " (exit \($0))" } ?? "") + (stderr.isEmpty ? "" : "; stderr: \(stderr)")
        case .externalTimedOut(let seconds, let stderr):
            "\(name): killed after \(seconds) s" + (stderr.isEmpty ? "" : "; stderr: \(stderr)")
        case .externalOutputTooLarge(let what, let limitBytes):
            "\(name): \(what) exceeds \(limitBytes) bytes"
        case .invalidEvaluation(let reason):
            "\(name): \(reason)"
        }
    }
}
