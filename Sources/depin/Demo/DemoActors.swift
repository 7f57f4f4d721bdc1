
import Foundation
import MarketCore
import MarketLedger

/// One participant of the demo: a named, deterministic key.
struct DemoActor: Sendable {
    enum Role: String, Sendable {
        case client, provider, validator, governance
    }

    var name: String
    var role: Role
    var key: SigningKey
    var address: Address { key.address }

    /// Keys derive from the seed, so the same seed gives the same market.
    static func make(_ role: Role, index: Int, seed: UInt64) throws -> DemoActor {
        let material = Array("depin-demo/\(seed)/\(role.rawValue)/\(index)".utf8)
        let seedBytes = Hash256.sha256(material).bytes
        let name = role == .governance ? "governance" : "\(role.rawValue)-\(index + 1)"
        return DemoActor(name: name, role: role, key: try SigningKey(seed: seedBytes))
    }
}

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

/// Demo chain parameters: the defaults with deadlines sized for 100 ms blocks.
enum DemoChain {
    static let blockIntervalMillis = 100

    static func parameters() -> MarketParameters {
        var parameters = MarketParameters()
        parameters.heartbeatWindowBlocks = 20
        parameters.livenessWindowBlocks = 60
        parameters.proofDeadlineBlocks = 1_200
        parameters.validationDeadlineBlocks = 200
        parameters.pendingJobTimeoutBlocks = 6_000
        parameters.jailBlocks = 100_000
        parameters.unbondingBlocks = 100
        return parameters
    }
}
