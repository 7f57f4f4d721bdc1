/// The network's hidden layers; input and output widths come from the dataset.
public struct ModelSpec: Codable, Hashable, Sendable {
    /// Widths of the hidden ReLU layers, input side first. Empty means softmax regression.
    public var hidden: [Int]

    public init(hidden: [Int]) {
        self.hidden = hidden
    }

    var canonicalJSON: CanonicalJSON {
        .object(["hidden": .array(hidden.map { .integer(Int64($0)) })])
    }
}
