import DepinTestSupport
import MarketCore
import MarketSimulation
import Testing

/// `depin dev simulate` in separate processes: the commitments must not depend on the process,
/// its memory layout or hashing seeds.
@Suite("Determinism across processes")
struct SimulationProcessTests {
    static func simulate(seed: UInt64, blocks: Int) async throws -> [String] {
        let result = try await DepinCLI.run(["dev", "simulate", "--seed", String(seed), "--blocks", String(blocks)])
        #expect(result.status == 0)
        return result.stdout.split(separator: "\n").map(String.init)
    }

    @Test("The same transaction log gives the same commitment at every height, in separate processes", arguments: [3, 11] as [UInt64])
    func separateProcessesAgree(seed: UInt64) async throws {
        let first = try await Self.simulate(seed: seed, blocks: 100)
        let second = try await Self.simulate(seed: seed, blocks: 100)
        #expect(first.count == 100)
        #expect(first == second)
        var simulator = try MarketSimulator(seed: seed)
        let inProcess = (0..<100).map { _ in
            let block = simulator.step()
            return "\(block.height) \(block.stateRoot.hex)"
        }
        #expect(inProcess == first)
    }
}
