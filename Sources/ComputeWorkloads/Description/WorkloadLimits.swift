/// Bounds on everything a workload description can grow, so a stranger's job cannot make a
/// validator's replay unbounded.
public enum WorkloadLimits {
    public static let maxDescriptionBytes = 64 * 1024
    public static let maxSegments = 4096
    public static let maxStepsPerSegment = 4096
    public static let maxBatchSize = 4096
    public static let maxClasses = 256
    public static let maxFeatures = 4096
    public static let maxSamples = 1_000_000
    /// Dataset values held in memory (samples x features, train and test together).
    public static let maxDatasetValues = 16_000_000
    public static let maxHiddenLayers = 8
    public static let maxLayerWidth = 4096
    /// Weights and biases together; a checkpoint holds them twice (with momentum), 8 bytes each.
    public static let maxParameters = 4_000_000
    /// Multiply-adds of one segment (steps x batch x parameters, forward only): bounds replay cost.
    public static let maxSegmentMultiplyAdds: Int64 = 20_000_000_000
    public static let maxLearningRate = FixedDecimal(integer: 10)
    public static let maxNoise = FixedDecimal(integer: 100)
    public static let maxCommandArguments = 64
    public static let maxArgumentBytes = 4096
}
