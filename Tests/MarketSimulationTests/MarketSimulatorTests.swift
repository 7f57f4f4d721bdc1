import DepinTestSupport
import MarketCore
import MarketSimulation
import Testing

@Suite("MarketSimulator")
struct MarketSimulatorTests {
    /// Everything observable about one block, for comparing two runs.
    struct Trace: Equatable {
        var height: BlockHeight
        var hash: Hash256
        var stateRoot: Hash256
        var events: [MarketEvent]
        var outcomes: [TransactionOutcome]
    }

    static func trace(seed: UInt64, blocks: Int) throws -> (traces: [Trace], simulator: MarketSimulator) {
        var simulator = try MarketSimulator(seed: seed)
        var traces: [Trace] = []
        for _ in 0..<blocks {
            let block = simulator.step()
            traces.append(Trace(height: block.height, hash: block.hash, stateRoot: block.stateRoot,
                                events: block.events, outcomes: block.outcomes))
        }
        return (traces, simulator)
    }

    @Test("The same seed gives identical blocks, events, outcomes and counters", arguments: [0, 3, 42] as [UInt64])
    func sameSeedIsIdentical(seed: UInt64) throws {
        let first = try Self.trace(seed: seed, blocks: 80)
        let second = try Self.trace(seed: seed, blocks: 80)
        #expect(first.traces == second.traces)
        #expect(first.simulator.random == second.simulator.random)
        #expect(first.simulator.refusedCount == second.simulator.refusedCount)
        var a = first.simulator.state
        var b = second.simulator.state
        #expect(a.stateRoot() == b.stateRoot())
    }

    /// Recorded from the simulator before its generator moved to MarketCore (and checked against
    /// that code): moving or renaming the generator must never change a seeded run.
    @Test("Seeded runs end at the recorded state roots", arguments: [
        (3, "ffa71149c1b209fa17c49682414cbd589827dc6204267697c3c438890a462ad8"),
        (11, "9aa5e7f2e3c22e7ed966380d98eb80be048a20a8fe20ef210b41d93da3a8b96f"),
        (42, "e22c4d7d01ceb155652e730efefcef258cfbc2eb42becc570da567cce9277657"),
    ] as [(UInt64, String)])
    func pinnedStateRoots(seed: UInt64, stateRoot: String) throws {
        let run = try Self.trace(seed: seed, blocks: 100)
        #expect(run.traces.last?.height == 100)
        #expect(run.traces.last?.stateRoot.hex == stateRoot)
    }

    @Test("Different seeds give different transactions and commitments", arguments: [(1, 2), (3, 11), (7, 8)] as [(UInt64, UInt64)])
    func differentSeedsDiffer(first: UInt64, second: UInt64) throws {
        let a = try Self.trace(seed: first, blocks: 30)
        let b = try Self.trace(seed: second, blocks: 30)
        #expect(a.traces.last?.hash != b.traces.last?.hash)
        #expect(a.traces.map(\.events) != b.traces.map(\.events))
    }

    @Test("Every invariant holds after every block, and nonce-invalid transactions never change state",
          arguments: [1, 5, 9] as [UInt64])
    func invariantsHold(seed: UInt64) throws {
        var simulator = try MarketSimulator(seed: seed)
        for _ in 0..<150 {
            let block = simulator.step()
            let violations = simulator.state.invariantViolations()
            #expect(violations.isEmpty, "seed \(seed) height \(block.height): \(violations)")
            if !violations.isEmpty { break }
        }
        expectMoneyConserved(simulator.state)
        #expect(simulator.refusalViolations == 0)
        #expect(simulator.refusedCount > 0, "the bad-nonce probe never ran")
    }

    @Test("A run reaches the paths it is meant to exercise: jobs settle, cheaters are slashed, hostile transactions fail")
    func exercisesEveryPath() throws {
        var simulator = try MarketSimulator(seed: 3)
        var kinds = Set<String>()
        var failures = 0
        for _ in 0..<300 {
            let block = simulator.step()
            for event in block.events { kinds.insert(event.kind) }
            failures += block.outcomes.filter { $0.error != nil }.count
        }
        for kind in ["provider-registered", "job-posted", "job-matched", "proof-submitted", "committee-drawn", "vote-cast",
                     "assignment-verified", "reward-claimed"] {
            #expect(kinds.contains(kind), "no \(kind) event in 300 blocks")
        }
        #expect(kinds.contains("provider-slashed") || kinds.contains("assignment-rejected"), "no cheater was caught: \(kinds.sorted())")
        #expect(failures > 0)
        #expect(simulator.state.jobs.values.contains { $0.status == .completed })
    }

    @Test("lastActions replayed on a copy of the chain give the same block")
    func lastActionsReplay() throws {
        var simulator = try MarketSimulator(seed: 17)
        for _ in 0..<20 { simulator.step() }
        var replica = simulator.chain
        let block = simulator.step()
        let replayed = replica.produceBlock(simulator.lastActions)
        #expect(replayed.hash == block.hash)
        #expect(replayed.outcomes == block.outcomes)
    }

    @Test("The simulator's parameters shorten every deadline so short runs reach every path")
    func shortParameters() {
        let parameters = MarketSimulator.parameters()
        let defaults = MarketParameters()
        #expect(parameters.proofDeadlineBlocks < defaults.proofDeadlineBlocks)
        #expect(parameters.validationDeadlineBlocks < defaults.validationDeadlineBlocks)
        #expect(parameters.heartbeatWindowBlocks == 3 && parameters.livenessWindowBlocks == 6)
        #expect(parameters.maxCommitteeRedraws == 2)
    }
}
