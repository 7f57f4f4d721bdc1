import MarketCore

/// Samples of a `DatasetSpec`, generated from the workload seed with SplitMix64 and
/// `DeterministicMath`, so every replayer builds the same bits without downloading anything.
public struct SyntheticDataset: Sendable {
    public let features: Int
    public let classes: Int
    /// Row-major, `count x features`.
    public let inputs: [Double]
    public let labels: [Int]

    public var count: Int { labels.count }

    /// Random-number streams derived from the workload seed.
    enum Stream: UInt64 {
        case centres = 1
        case train = 2
        case test = 3
        case weights = 4
        case batches = 5
    }

    /// The training split (`train: true`) or the held-out split of `spec` for `seed`.
    public init(spec: DatasetSpec, seed: UInt64, train: Bool) {
        features = spec.features
        classes = spec.classes
        let count = train ? spec.trainSamples : spec.testSamples
        var generator = SplitMix64(state: SplitMix64.derive(seed: seed, stream: (train ? Stream.train : Stream.test).rawValue))
        let noise = spec.noise.doubleValue
        var inputs: [Double] = []
        inputs.reserveCapacity(count * spec.features)
        var labels: [Int] = []
        labels.reserveCapacity(count)
        switch spec.kind {
        case .spirals:
            // Arm c: radius t, angle c * 2pi/K + 4t (plus noise), t uniform in [0, 1).
            let armSpacing = DeterministicMath.twoPiHi / Double(spec.classes)
            for sample in 0..<count {
                let label = sample % spec.classes
                let t = generator.nextUnit()
                let angle = Double(label) * armSpacing + 4.0 * t + noise * generator.nextGaussian()
                inputs.append(t * DeterministicMath.sin(angle))
                inputs.append(t * DeterministicMath.cos(angle))
                labels.append(label)
            }
        case .clusters:
            let centres = SyntheticDataset.clusterCentres(spec: spec, seed: seed)
            for sample in 0..<count {
                let label = sample % spec.classes
                for feature in 0..<spec.features {
                    inputs.append(centres[label * spec.features + feature] + noise * generator.nextGaussian())
                }
                labels.append(label)
            }
        }
        self.inputs = inputs
        self.labels = labels
    }

    /// One centre per class, each coordinate uniform in [-2, 2), shared by both splits.
    private static func clusterCentres(spec: DatasetSpec, seed: UInt64) -> [Double] {
        var generator = SplitMix64(state: SplitMix64.derive(seed: seed, stream: Stream.centres.rawValue))
        var centres: [Double] = []
        centres.reserveCapacity(spec.classes * spec.features)
        for _ in 0..<(spec.classes * spec.features) {
            centres.append(4.0 * generator.nextUnit() - 2.0)
        }
        return centres
    }
}
