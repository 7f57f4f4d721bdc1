import MarketCore

/// The arithmetic of `mlp-v1`: ReLU hidden layers, softmax output, mean cross-entropy, minibatch
/// SGD with heavy-ball momentum.
///
/// Every sum runs in one fixed order (bias first, then inputs by increasing index; batch samples in
/// the order drawn), single-threaded, with separate multiply and add, so results are bit-identical
/// on every IEEE-754 machine. Loops use unsafe buffers only to keep debug builds fast.
enum MLPKernels {
    struct Hyperparameters {
        var batchSize: Int
        var learningRate: Double
        var momentum: Double
    }

    /// Runs `steps` SGD steps on `state`, drawing minibatches from its PRNG.
    static func train(_ state: inout MLPState, layout: MLPLayout, data: SyntheticDataset, steps: Int, hyper: Hyperparameters) {
        precondition(state.parameters.count == layout.parameterCount && state.velocity.count == layout.parameterCount)
        var random = SplitMix64(state: state.batchRandomState)
        var gradients = [Double](repeating: 0, count: layout.parameterCount)
        var activations = [Double](repeating: 0, count: layout.activationCount)
        var deltas = [Double](repeating: 0, count: layout.activationCount)
        let batchDivisor = Double(hyper.batchSize)
        state.parameters.withUnsafeMutableBufferPointer { p in
            state.velocity.withUnsafeMutableBufferPointer { v in
                gradients.withUnsafeMutableBufferPointer { g in
                    activations.withUnsafeMutableBufferPointer { a in
                        deltas.withUnsafeMutableBufferPointer { d in
                            data.inputs.withUnsafeBufferPointer { x in
                                for _ in 0..<steps {
                                    for j in 0..<layout.parameterCount { g[j] = 0 }
                                    for _ in 0..<hyper.batchSize {
                                        let sample = random.multiplyHighIndex(below: data.count)
                                        load(sample, from: x, features: data.features, into: a)
                                        forward(layout: layout, p: p, a: a)
                                        outputDelta(layout: layout, a: a, d: d, label: data.labels[sample])
                                        backward(layout: layout, p: p, a: a, d: d, g: g)
                                    }
                                    for j in 0..<layout.parameterCount {
                                        let gradient = g[j] / batchDivisor
                                        v[j] = hyper.momentum * v[j] + gradient
                                        p[j] = p[j] - hyper.learningRate * v[j]
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        state.batchRandomState = random.state
        state.step += UInt64(steps)
    }

    /// Correct predictions and summed cross-entropy over `data`.
    static func evaluate(_ parameters: [Double], layout: MLPLayout, data: SyntheticDataset) -> (correct: Int, lossSum: Double) {
        var activations = [Double](repeating: 0, count: layout.activationCount)
        var correct = 0
        var lossSum = 0.0
        let output = layout.activationOffsets[layout.layerCount]
        let classes = layout.sizes[layout.layerCount]
        parameters.withUnsafeBufferPointer { p in
            activations.withUnsafeMutableBufferPointer { a in
                data.inputs.withUnsafeBufferPointer { x in
                    for sample in 0..<data.count {
                        load(sample, from: x, features: data.features, into: a)
                        forward(layout: layout, p: UnsafeMutableBufferPointer(mutating: p), a: a)
                        var best = 0
                        var largest = a[output]
                        for k in 1..<classes where a[output + k] > largest {
                            largest = a[output + k]
                            best = k
                        }
                        var sum = 0.0
                        for k in 0..<classes { sum = sum + DeterministicMath.exp(a[output + k] - largest) }
                        let label = data.labels[sample]
                        lossSum = lossSum + ((DeterministicMath.log(sum) + largest) - a[output + label])
                        if best == label { correct += 1 }
                    }
                }
            }
        }
        return (correct, lossSum)
    }

    private static func load(_ sample: Int, from x: UnsafeBufferPointer<Double>, features: Int, into a: UnsafeMutableBufferPointer<Double>) {
        let base = sample * features
        for i in 0..<features { a[i] = x[base + i] }
    }

    /// Fills activations of layers 1...L; hidden layers apply ReLU, the output stays as logits.
    private static func forward(layout: MLPLayout, p: UnsafeMutableBufferPointer<Double>, a: UnsafeMutableBufferPointer<Double>) {
        let last = layout.layerCount
        for layer in 1...last {
            let inputs = layout.sizes[layer - 1]
            let outputs = layout.sizes[layer]
            let weightBase = layout.weightOffsets[layer - 1]
            let biasBase = layout.biasOffsets[layer - 1]
            let inBase = layout.activationOffsets[layer - 1]
            let outBase = layout.activationOffsets[layer]
            for o in 0..<outputs {
                var sum = p[biasBase + o]
                let row = weightBase + o * inputs
                for i in 0..<inputs { sum = sum + p[row + i] * a[inBase + i] }
                a[outBase + o] = layer == last ? sum : (sum > 0 ? sum : 0)
            }
        }
    }

    /// Softmax minus one-hot: the cross-entropy gradient with respect to the logits.
    private static func outputDelta(layout: MLPLayout, a: UnsafeMutableBufferPointer<Double>, d: UnsafeMutableBufferPointer<Double>, label: Int) {
        let output = layout.activationOffsets[layout.layerCount]
        let classes = layout.sizes[layout.layerCount]
        var largest = a[output]
        for k in 1..<classes where a[output + k] > largest { largest = a[output + k] }
        var sum = 0.0
        for k in 0..<classes {
            let e = DeterministicMath.exp(a[output + k] - largest)
            d[output + k] = e
            sum = sum + e
        }
        for k in 0..<classes {
            d[output + k] = d[output + k] / sum - (k == label ? 1.0 : 0.0)
        }
    }

    /// Accumulates this sample's gradients into `g` and propagates deltas down to layer 1.
    private static func backward(
        layout: MLPLayout, p: UnsafeMutableBufferPointer<Double>, a: UnsafeMutableBufferPointer<Double>,
        d: UnsafeMutableBufferPointer<Double>, g: UnsafeMutableBufferPointer<Double>
    ) {
        var layer = layout.layerCount
        while layer >= 1 {
            let inputs = layout.sizes[layer - 1]
            let outputs = layout.sizes[layer]
            let weightBase = layout.weightOffsets[layer - 1]
            let biasBase = layout.biasOffsets[layer - 1]
            let inBase = layout.activationOffsets[layer - 1]
            let outBase = layout.activationOffsets[layer]
            for o in 0..<outputs {
                let delta = d[outBase + o]
                g[biasBase + o] = g[biasBase + o] + delta
                let row = weightBase + o * inputs
                for i in 0..<inputs { g[row + i] = g[row + i] + delta * a[inBase + i] }
            }
            if layer > 1 {
                for i in 0..<inputs {
                    guard a[inBase + i] > 0 else {
                        d[inBase + i] = 0
                        continue
                    }
                    var sum = 0.0
                    for o in 0..<outputs { sum = sum + p[weightBase + o * inputs + i] * d[outBase + o] }
                    d[inBase + i] = sum
                }
            }
            layer -= 1
        }
    }
}
