/// Where each layer's weights, biases and activations live in the flat arrays the kernels use.
///
/// Parameter order (also the checkpoint's): for layer 1...L, its weights row-major
/// (`outputs x inputs`, row o holds the weights into output o), then its biases.
struct MLPLayout: Sendable, Hashable {
    /// Widths from input to output: features, hidden..., classes.
    let sizes: [Int]
    /// Indexed by layer - 1.
    let weightOffsets: [Int]
    let biasOffsets: [Int]
    /// Indexed by layer (0 = input).
    let activationOffsets: [Int]
    let parameterCount: Int
    let activationCount: Int

    init(sizes: [Int]) {
        precondition(sizes.count >= 2 && sizes.allSatisfy { $0 > 0 }, "an MLP has an input and an output layer")
        self.sizes = sizes
        var weightOffsets: [Int] = []
        var biasOffsets: [Int] = []
        var offset = 0
        for layer in 1..<sizes.count {
            weightOffsets.append(offset)
            offset += sizes[layer - 1] * sizes[layer]
            biasOffsets.append(offset)
            offset += sizes[layer]
        }
        var activationOffsets: [Int] = []
        var activationCount = 0
        for size in sizes {
            activationOffsets.append(activationCount)
            activationCount += size
        }
        self.weightOffsets = weightOffsets
        self.biasOffsets = biasOffsets
        self.activationOffsets = activationOffsets
        self.parameterCount = offset
        self.activationCount = activationCount
    }

    init(_ dataset: DatasetSpec, _ model: ModelSpec) {
        self.init(sizes: [dataset.features] + model.hidden + [dataset.classes])
    }

    /// Number of weight layers (L).
    var layerCount: Int { sizes.count - 1 }
}
