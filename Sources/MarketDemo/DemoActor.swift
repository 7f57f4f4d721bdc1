
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
