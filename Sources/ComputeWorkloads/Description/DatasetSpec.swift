/// A synthetic classification dataset generated from the workload seed, so it needs no download
/// and every replayer builds the same samples.
public struct DatasetSpec: Codable, Hashable, Sendable {
    public enum Shape: String, Codable, Hashable, Sendable, CaseIterable {
        /// Interleaved spiral arms, one per class, in two features: not linearly separable.
        case spirals
        /// One Gaussian cluster per class around a seeded centre, in any number of features.
        case clusters
    }

    public var kind: Shape
    public var classes: Int
    public var features: Int
    public var trainSamples: Int
    public var testSamples: Int
    /// Standard deviation of the Gaussian noise (on the spiral angle, or per cluster coordinate).
    public var noise: FixedDecimal

    public init(kind: Shape, classes: Int, features: Int, trainSamples: Int, testSamples: Int, noise: FixedDecimal) {
        self.kind = kind
        self.classes = classes
        self.features = features
        self.trainSamples = trainSamples
        self.testSamples = testSamples
        self.noise = noise
    }

    var canonicalJSON: CanonicalJSON {
        .object([
            "kind": .string(kind.rawValue),
            "classes": .integer(Int64(classes)),
            "features": .integer(Int64(features)),
            "trainSamples": .integer(Int64(trainSamples)),
            "testSamples": .integer(Int64(testSamples)),
            "noise": .string(noise.description),
        ])
    }
}
