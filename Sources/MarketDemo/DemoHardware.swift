import MarketCore

/// The hardware a demo provider declares (no GPU is needed to run the demo).
struct DemoHardware: Sendable {
    var model: String
    var tier: GPUTier
    var gpus: UInt32
    var memoryGB: UInt32
    var rate: Amount

    static let honest: [DemoHardware] = [
        DemoHardware(model: "H100 80GB", tier: .datacenter, gpus: 8, memoryGB: 80, rate: Amount(microUnits: 900_000)),
        DemoHardware(model: "RTX A6000", tier: .prosumer, gpus: 4, memoryGB: 48, rate: Amount(microUnits: 450_000)),
        DemoHardware(model: "RTX 4090", tier: .consumer, gpus: 2, memoryGB: 24, rate: Amount(microUnits: 240_000)),
        DemoHardware(model: "A100 40GB", tier: .datacenter, gpus: 8, memoryGB: 40, rate: Amount(microUnits: 750_000)),
    ]

    /// Cheaters undercut everyone so the market matches them first, and are caught.
    static func cheater(_ index: Int) -> DemoHardware {
        DemoHardware(model: "H100 80GB", tier: .datacenter, gpus: 4, memoryGB: 80,
                     rate: Amount(microUnits: 150_000 + UInt64(index) * 10_000))
    }
}
