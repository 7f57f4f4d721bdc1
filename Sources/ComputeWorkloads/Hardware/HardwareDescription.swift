import MarketCore

/// What a provider registers: GPU count, the tier all of them reach and the memory each has.
public protocol HardwareDescription: Sendable {
    var gpuCount: Int { get }
    var tier: GPUTier { get }
    var memoryPerGPUGB: UInt32 { get }
    /// Whether the numbers were read from the driver by this software (`DetectedHardware`) rather
    /// than typed in by the operator (`DeclaredHardware`). Neither is a remote attestation: the
    /// market still relies on stake and proof of training.
    var attested: Bool { get }
}
