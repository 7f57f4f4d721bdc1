extension WorkloadDescription {
    /// The demo job: three interleaved spirals (not linearly separable) learned by a 2-32-32-3 MLP
    /// in 150 segments of 10 steps. Trains in under a second even in a debug build. Many short
    /// segments keep verification cheap: a committee of 5 replaying 2 segments each re-executes
    /// 10 / 150 = 6.7 % of the training while catching a provider that fakes half of it with
    /// probability 1 - 0.5^10 = 99.9 %.
    public static func demo(seed: UInt64 = 7) -> WorkloadDescription {
        WorkloadDescription(
            kind: .mlpV1,
            seed: seed,
            dataset: DatasetSpec(
                kind: .spirals, classes: 3, features: 2, trainSamples: 600, testSamples: 600,
                noise: FixedDecimal(billionths: 150_000_000)),
            model: ModelSpec(hidden: [32, 32]),
            training: TrainingSpec(
                segments: 150, stepsPerSegment: 10, batchSize: 16,
                learningRate: FixedDecimal(billionths: 50_000_000), momentum: FixedDecimal(billionths: 900_000_000)))
    }
}
