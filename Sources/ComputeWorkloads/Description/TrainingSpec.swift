/// How long and how fast to train: `segments` segments of `stepsPerSegment` minibatch SGD steps.
public struct TrainingSpec: Codable, Hashable, Sendable {
    /// Checkpoints are C0...C(segments).
    public var segments: Int
    public var stepsPerSegment: Int
    public var batchSize: Int
    public var learningRate: FixedDecimal
    /// Heavy-ball momentum; `0` (the default when absent) is plain SGD.
    public var momentum: FixedDecimal

    public init(segments: Int, stepsPerSegment: Int, batchSize: Int, learningRate: FixedDecimal, momentum: FixedDecimal = .zero) {
        self.segments = segments
        self.stepsPerSegment = stepsPerSegment
        self.batchSize = batchSize
        self.learningRate = learningRate
        self.momentum = momentum
    }

    private enum CodingKeys: String, CodingKey {
        case segments, stepsPerSegment, batchSize, learningRate, momentum
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        segments = try container.decode(Int.self, forKey: .segments)
        stepsPerSegment = try container.decode(Int.self, forKey: .stepsPerSegment)
        batchSize = try container.decode(Int.self, forKey: .batchSize)
        learningRate = try container.decode(FixedDecimal.self, forKey: .learningRate)
        momentum = try container.decodeIfPresent(FixedDecimal.self, forKey: .momentum) ?? .zero
    }

    var canonicalJSON: CanonicalJSON {
        .object([
            "segments": .integer(Int64(segments)),
            "stepsPerSegment": .integer(Int64(stepsPerSegment)),
            "batchSize": .integer(Int64(batchSize)),
            "learningRate": .string(learningRate.description),
            "momentum": .string(momentum.description),
        ])
    }
}
