import MarketCore

/// Hardware the operator states by hand, for machines without nvidia-smi (other vendors, CPU
/// demos, tests). Always `attested == false`.
public struct DeclaredHardware: HardwareDescription, Hashable, Codable {
    public var gpuCount: Int
    public var tier: GPUTier
    public var memoryPerGPUGB: UInt32

    public init(gpuCount: Int, tier: GPUTier, memoryPerGPUGB: UInt32) {
        self.gpuCount = gpuCount
        self.tier = tier
        self.memoryPerGPUGB = memoryPerGPUGB
    }

    public var attested: Bool { false }
}
