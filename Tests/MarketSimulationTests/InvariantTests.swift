import DepinTestSupport
@testable import MarketCore
import MarketSimulation
import Testing

/// `invariantViolations()` must notice each kind of inconsistency, or the simulator's invariant
/// checks prove nothing.
@Suite("State invariants")
struct InvariantTests {
    static func marketWithOpenAssignment() throws -> (MarketFixture, JobID) {
        var market = try MarketFixture()
        let job = market.jobAwaitingVotes()
        return (market, job)
    }

    @Test("A consistent market has no violations")
    func consistentMarket() throws {
        let (market, _) = try Self.marketWithOpenAssignment()
        #expect(market.state.invariantViolations().isEmpty)
    }

    @Test("A running total that disagrees with the records is reported")
    func escrowTotalMismatch() throws {
        let (market, _) = try Self.marketWithOpenAssignment()
        var state = market.state
        state.globals.escrowTotal = Amount(microUnits: state.globals.escrowTotal.microUnits + 1)
        let violations = state.invariantViolations()
        #expect(violations.contains { $0.hasPrefix("escrow total") })
    }

    @Test("A provider whose busy GPUs disagree with its open assignments is reported")
    func busyGPUsMismatch() throws {
        let (market, job) = try Self.marketWithOpenAssignment()
        var state = market.state
        let assignment = try #require(market.assignment(job))
        var provider = try #require(state.providers[assignment.provider])
        provider.busyGPUs += 1
        state.setProvider(assignment.provider, provider)
        #expect(state.invariantViolations().contains { $0.contains("provider \(assignment.provider): busy") })
    }

    @Test("A job whose escrow, payments and refunds do not add up to its budget is reported")
    func jobAccountingMismatch() throws {
        let (market, job) = try Self.marketWithOpenAssignment()
        var state = market.state
        var record = try #require(state.jobs[job])
        record.refunded = Amount(microUnits: record.refunded.microUnits + 1)
        state.setJob(record)
        #expect(state.invariantViolations().contains("job \(job): escrow + paid + refunded != budget"))
    }
}
