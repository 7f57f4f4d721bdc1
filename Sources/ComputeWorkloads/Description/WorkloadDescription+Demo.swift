extension WorkloadDescription {
    /// The demo job: three interleaved spirals (not linearly separable) learned by a 2-32-32-3 MLP
    /// in 10 segments of 150 steps. Trains in a few seconds even in a debug build.
    public static func demo(seed: UInt64 = 7) -> WorkloadDescription {
        WorkloadDescription(
            kind: .mlpV1,
            seed: seed,
            dataset: DatasetSpec(
                kind: .spirals, classes: 3, features: 2, trainSamples: 600, testSamples: 600,
                noise: FixedDecimal(billionths: 150_000_000)),
            model: ModelSpec(hidden: [32, 32]),
            training: TrainingSpec(
                segments: 10, stepsPerSegment: 150, batchSize: 16,
                learningRate: FixedDecimal(billionths: 50_000_000), momentum: FixedDecimal(billionths: 900_000_000)))
    }
}
