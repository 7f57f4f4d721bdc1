import MarketCore

/// The built-in `mlp-v1` workload: a multilayer perceptron trained on a seeded synthetic dataset
/// with deterministic Double arithmetic (see `MLPKernels`), checkpointed as `MLPState`.
public struct MLPWorkload: Workload {
    public let workloadDescription: WorkloadDescription
    /// Hash of `workload`, written into every checkpoint so checkpoints cannot cross jobs.
    public let workloadHash: Hash256
    let layout: MLPLayout
    let trainingData: SyntheticDataset
    let testData: SyntheticDataset
    let hyperparameters: MLPKernels.Hyperparameters

    public init(_ description: WorkloadDescription) throws(WorkloadError) {
        try description.validate()
        guard description.kind == .mlpV1, let dataset = description.dataset, let model = description.model else {
            throw .invalidDescription(field: "kind", reason: "must be mlp-v1 for MLPWorkload")
        }
        workloadDescription = description
        workloadHash = description.canonicalHash
        layout = MLPLayout(dataset, model)
        trainingData = SyntheticDataset(spec: dataset, seed: description.seed, train: true)
        testData = SyntheticDataset(spec: dataset, seed: description.seed, train: false)
        hyperparameters = MLPKernels.Hyperparameters(
            batchSize: description.training.batchSize,
            learningRate: description.training.learningRate.doubleValue,
            momentum: description.training.momentum.doubleValue)
    }

    /// Weights uniform in +-sqrt(6 / fan-in) (He, for ReLU) on hidden layers and
    /// +-sqrt(6 / (fan-in + fan-out)) (Glorot) on the output layer; biases and momentum zero.
    public func initialCheckpoint() throws(WorkloadError) -> Checkpoint {
        var random = SplitMix64(state: SplitMix64.derive(seed: workloadDescription.seed, stream: SyntheticDataset.Stream.weights.rawValue))
        var parameters = [Double](repeating: 0, count: layout.parameterCount)
        for layer in 1...layout.layerCount {
            let fanIn = layout.sizes[layer - 1]
            let fanOut = layout.sizes[layer]
            let spread = layer == layout.layerCount ? Double(fanIn + fanOut) : Double(fanIn)
            let limit = (6.0 / spread).squareRoot()
            let base = layout.weightOffsets[layer - 1]
            for index in 0..<(fanIn * fanOut) {
                parameters[base + index] = (2.0 * random.nextUnit() - 1.0) * limit
            }
        }
        let state = MLPState(
            workloadHash: workloadHash, step: 0,
            batchRandomState: SplitMix64.derive(seed: workloadDescription.seed, stream: SyntheticDataset.Stream.batches.rawValue),
            sizes: layout.sizes, parameters: parameters,
            velocity: [Double](repeating: 0, count: layout.parameterCount))
        return Checkpoint(bytes: state.bytes)
    }

    public func runSegment(index: Int, from checkpoint: Checkpoint) throws(WorkloadError) -> Checkpoint {
        try checkSegmentIndex(index)
        var state = try decode(checkpoint)
        let steps = workloadDescription.training.stepsPerSegment
        let expectedStep = UInt64(index) * UInt64(steps)
        guard state.step == expectedStep else {
            throw .wrongSegment(index: index, expectedStep: expectedStep, checkpointStep: state.step)
        }
        MLPKernels.train(&state, layout: layout, data: trainingData, steps: steps, hyper: hyperparameters)
        return Checkpoint(bytes: state.bytes)
    }

    /// Advances the step counter as if the segment ran, without training: a structurally valid
    /// checkpoint that the next segment accepts but that no replay of this one reproduces.
    public func skipSegment(index: Int, from checkpoint: Checkpoint) throws(WorkloadError) -> Checkpoint {
        try checkSegmentIndex(index)
        var state = try decode(checkpoint)
        let steps = UInt64(workloadDescription.training.stepsPerSegment)
        guard state.step == UInt64(index) * steps else {
            throw .wrongSegment(index: index, expectedStep: UInt64(index) * steps, checkpointStep: state.step)
        }
        state.step += steps
        return Checkpoint(bytes: state.bytes)
    }

    /// Accuracy and mean cross-entropy (six decimals) on the held-out split.
    public func evaluate(_ checkpoint: Checkpoint) throws(WorkloadError) -> Evaluation {
        let state = try decode(checkpoint)
        let result = MLPKernels.evaluate(state.parameters, layout: layout, data: testData)
        let accuracyBps = result.correct * 10_000 / testData.count
        let meanLoss = result.lossSum / Double(testData.count)
        return Evaluation(accuracyBps: accuracyBps, loss: MLPWorkload.decimalText(meanLoss, places: 6))
    }

    /// SHA-256 of the generated samples (see `datasetBytes`): the job spec's `datasetHash`.
    public var datasetHash: Hash256 { Hash256.sha256(datasetBytes) }

    /// Both splits in canonical encoding: u32 features, u32 classes, then for the training and
    /// the test split a u32 sample count and per sample its features (IEEE-754 bits as u64) and
    /// its label (u32). Its length is the job spec's `datasetSizeBytes`.
    public var datasetBytes: [UInt8] {
        var writer = CanonicalWriter(capacity: 8 + (trainingData.count + testData.count) * (8 * trainingData.features + 4) + 8)
        writer.write(UInt32(trainingData.features))
        writer.write(UInt32(trainingData.classes))
        for split in [trainingData, testData] {
            writer.write(UInt32(split.count))
            for sample in 0..<split.count {
                for feature in 0..<split.features { writer.write(split.inputs[sample * split.features + feature].bitPattern) }
                writer.write(UInt32(split.labels[sample]))
            }
        }
        return writer.bytes
    }

    /// Training step the checkpoint has reached.
    public func step(of checkpoint: Checkpoint) throws(WorkloadError) -> UInt64 {
        try decode(checkpoint).step
    }

    func decode(_ checkpoint: Checkpoint) throws(WorkloadError) -> MLPState {
        try MLPState(bytes: checkpoint.bytes, workloadHash: workloadHash, layout: layout)
    }

    /// `value` rounded half-to-even to `places` decimals, formatted without Foundation.
    static func decimalText(_ value: Double, places: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
        var scale = 1.0
        for _ in 0..<places { scale = scale * 10.0 }
        let scaled = (value * scale).rounded(.toNearestOrEven)
        guard abs(scaled) < 9e18 else { return String(value) }
        let units = Int64(scaled)
        let magnitude = units.magnitude
        let divisor = UInt64(scale)
        let fraction = String(magnitude % divisor)
        let text = "\(magnitude / divisor)." + String(repeating: "0", count: places - fraction.count) + fraction
        return units < 0 ? "-" + text : text
    }
}
