import Foundation

/// Limits and environment for running external trainers.
public struct ExternalCommandConfiguration: Sendable, Hashable {
    /// Relative `workingDirectory` values (and a missing one) resolve against this directory.
    public var baseDirectory: String
    /// Wall-clock limit for one invocation (init, one segment or evaluate).
    public var timeoutSeconds: Int
    public var maxCheckpointBytes: Int
    public var maxStdoutBytes: Int
    /// stderr beyond this kills the trainer; the last `stderrTailBytes` go into errors.
    public var maxStderrBytes: Int
    public var stderrTailBytes: Int
    /// Extra variables for the trainer (for example `CUDA_VISIBLE_DEVICES`); the protocol's
    /// determinism variables are applied after these.
    public var environment: [String: String]
    /// Where per-invocation scratch folders go; the system temporary directory when nil.
    public var scratchDirectory: String?

    public init(
        baseDirectory: String = FileManager.default.currentDirectoryPath,
        timeoutSeconds: Int = 600,
        maxCheckpointBytes: Int = 256 * 1024 * 1024,
        maxStdoutBytes: Int = 64 * 1024,
        maxStderrBytes: Int = 4 * 1024 * 1024,
        stderrTailBytes: Int = 4096,
        environment: [String: String] = [:],
        scratchDirectory: String? = nil
    ) {
        precondition(timeoutSeconds > 0 && maxCheckpointBytes > 0 && maxStdoutBytes > 0 && maxStderrBytes > 0)
        self.baseDirectory = baseDirectory
        self.timeoutSeconds = timeoutSeconds
        self.maxCheckpointBytes = maxCheckpointBytes
        self.maxStdoutBytes = maxStdoutBytes
        self.maxStderrBytes = maxStderrBytes
        self.stderrTailBytes = stderrTailBytes
        self.environment = environment
        self.scratchDirectory = scratchDirectory
    }
}
