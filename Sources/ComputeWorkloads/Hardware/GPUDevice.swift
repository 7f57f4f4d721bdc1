import MarketCore

/// One GPU as the NVIDIA driver reports it.
public struct GPUDevice: Hashable, Sendable, Codable {
    public var name: String
    /// Total memory in MiB, as nvidia-smi prints it.
    public var memoryMiB: Int
    public var uuid: String
    public var tier: GPUTier

    public init(name: String, memoryMiB: Int, uuid: String) {
        self.name = name
        self.memoryMiB = memoryMiB
        self.uuid = uuid
        self.tier = GPUClassifier.tier(ofName: name)
    }

    /// Memory in decimal gigabytes (10^9 bytes), rounded down: an "80GB" H100 (81559 MiB) is 85,
    /// a "24GB" RTX 4090 (24564 MiB) is 25. Decimal GB never falls below the marketed size, so a
    /// job asking for the marketed size matches; GiB would make an H100 80GB report 79.
    public var memoryGB: UInt32 {
        UInt32(clamping: Int64(memoryMiB) * 1_048_576 / 1_000_000_000)
    }
}
