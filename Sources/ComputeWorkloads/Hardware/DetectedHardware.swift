import MarketCore

/// Hardware read from nvidia-smi on this machine.
public struct DetectedHardware: HardwareDescription, Hashable, Codable {
    public var gpus: [GPUDevice]

    public init(gpus: [GPUDevice]) {
        precondition(!gpus.isEmpty, "detected hardware has at least one GPU")
        self.gpus = gpus
    }

    public var gpuCount: Int { gpus.count }
    /// The lowest tier among the GPUs: a job placed on all of them gets at least this.
    public var tier: GPUTier { gpus.map(\.tier).min() ?? .consumer }
    /// The smallest GPU's memory.
    public var memoryPerGPUGB: UInt32 { gpus.map(\.memoryGB).min() ?? 0 }
    public var attested: Bool { true }
}
