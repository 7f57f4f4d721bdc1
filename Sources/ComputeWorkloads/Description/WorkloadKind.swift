/// Which trainer runs a workload.
public enum WorkloadKind: String, Codable, Hashable, Sendable, CaseIterable {
    /// The built-in deterministic multilayer perceptron (`MLPWorkload`).
    case mlpV1 = "mlp-v1"
    /// Any program that honours the segment protocol (`ExternalCommandWorkload`).
    case external
}
