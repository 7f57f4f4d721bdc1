import MarketCore
import MarketSimulation
import Testing

/// Seeded random markets, honest and adversarial senders mixed, checked after every block.
@Suite("Random market invariants")
struct RandomMarketPropertyTests {
    static let blocks = 100

    @Test("Every invariant holds after every block", arguments: 0..<200)
    func invariantsHold(seed: UInt64) throws {
        var simulator = try MarketSimulator(seed: seed)
        var seenJobIDs = Set<JobID>()
        var claimed = Set<String>()
        for _ in 0..<Self.blocks {
            let block = simulator.step()
            for event in block.events {
                switch event {
                case .jobPosted(let job, _, _, _, _):
                    #expect(seenJobIDs.insert(job).inserted, "job id \(job) reused at seed \(seed)")
                case .rewardClaimed(let job, let provider, _):
                    #expect(claimed.insert("\(job)/\(provider)").inserted, "paid twice at seed \(seed)")
                default:
                    break
                }
            }
            let problems = simulator.state.invariantViolations()
            #expect(problems.isEmpty, "seed \(seed) height \(block.height): \(problems)")
            for (address, count) in simulator.chain.includedBySender {
                #expect(simulator.state.accounts[address]?.nonce == count, "nonce of \(address) at seed \(seed)")
            }
            if !problems.isEmpty { break }
        }
        #expect(simulator.refusalViolations == 0)
    }

    @Test("The random markets exercise every path: payouts, slashes, deadlines, refunds and errors")
    func coverage() throws {
        var kinds = Set<String>()
        var errors = Set<MarketError>()
        for seed in UInt64(0)..<20 {
            var simulator = try MarketSimulator(seed: seed)
            for _ in 0..<Self.blocks {
                let block = simulator.step()
                kinds.formUnion(block.events.map(\.kind))
                errors.formUnion(block.outcomes.compactMap(\.error))
            }
        }
        for kind in ["job-posted", "job-matched", "proof-submitted", "committee-drawn", "vote-cast", "assignment-verified",
                     "assignment-rejected", "assignment-missed-deadline", "provider-slashed", "validator-rewarded",
                     "validator-penalized", "reward-claimed", "job-settled", "job-cancelled", "stake-withdrawn"] {
            #expect(kinds.contains(kind), "no \(kind) event in 20 seeds")
        }
        for error in [MarketError.insufficientCompute, .jobNotFound, .alreadyClaimed, .invalidProof, .invalidGPU,
                      .jobActive, .unauthorized, .insufficientBalance, .notOnCommittee, .invalidAmount] {
            #expect(errors.contains(error), "no \(error.name) in 20 seeds")
        }
    }
}
