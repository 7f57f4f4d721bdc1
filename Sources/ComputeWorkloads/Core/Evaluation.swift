/// Held-out quality of a checkpoint.
public struct Evaluation: Hashable, Sendable, Codable {
    /// Test accuracy in basis points (10000 = 100 %), rounded down.
    public var accuracyBps: Int
    /// Mean test cross-entropy as decimal text (six places for `mlp-v1`), when the trainer reports it.
    public var loss: String?

    public init(accuracyBps: Int, loss: String?) {
        precondition((0...10_000).contains(accuracyBps), "accuracy is in basis points")
        self.accuracyBps = accuracyBps
        self.loss = loss
    }

    /// Accuracy as a fraction in 0...1, for display.
    public var accuracy: Double { Double(accuracyBps) / 10_000 }
}
