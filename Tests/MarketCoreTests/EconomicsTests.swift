import DepinTestSupport
import Testing
@testable import MarketCore
import MarketSimulation

private let clientFunds = MarketFixture.clientFunds.microUnits
private let providerFunds = MarketFixture.providerFunds.microUnits
private let validatorFunds: UInt64 = 1_000_000_000

/// One fee split, every number in micro-units, for 10 GPU-hours at `rate`.
struct FeeSplitCase: Sendable, CustomTestStringConvertible {
    var rate: UInt64
    var cost: UInt64
    var fee: UInt64
    var payout: UInt64
    var pool: UInt64
    var share: UInt64
    var remainder: UInt64

    var testDescription: String { "rate \(Amount(microUnits: rate))" }
}

@Suite("economics")
struct EconomicsTests {
    @Test("worked example: 10 GPU-hours at 0.9 with a 100-token budget, with the money conserved after every step")
    func workedExample() throws {
        var fixture = try MarketFixture()
        #expect(fixture.parameters.minimumTransactionFee.microUnits == txFee)
        let client = fixture.clients[0]
        let provider = fixture.providers[0]
        expectMoneyConserved(fixture.state)
        let supply = fixture.state.globals.supply

        fixture.registerProvider(0, MarketFixture.spec(rate: Amount(microUnits: 900_000)))
        expectMoneyConserved(fixture.state)
        let job = fixture.postJob(MarketFixture.jobSpec(gpuHours: 10), budget: .tokens(100))
        expectMoneyConserved(fixture.state)
        #expect(fixture.state.globals.escrowTotal.microUnits == 100_000_000)
        fixture.succeed(fixture.clients[1], .matchJob(job))
        expectMoneyConserved(fixture.state)
        #expect(fixture.assignment(job)?.cost.microUnits == 9_000_000)
        #expect(fixture.submitProof(job)?.error == nil)
        expectMoneyConserved(fixture.state)
        fixture.chain.advance(blocks: 1)
        expectMoneyConserved(fixture.state)
        let members = try #require(fixture.assignment(job)?.committee.map(\.validator))

        fixture.castVotes(job, [true, true, true, true])
        expectMoneyConserved(fixture.state)
        let treasury = fixture.state.globals.treasury.microUnits
        let (decider, body) = try #require(fixture.vote(job, member: 4, approve: true))
        let events = fixture.succeed(decider, body)
        expectMoneyConserved(fixture.state)
        // fee = floor(9.000000 x 250 / 10000) = 0.225000; pool = floor(0.225 x 4000 / 10000) = 0.090000,
        // 0.018000 to each of the five approvers, nothing left over.
        #expect(events == [
            .voteCast(job: job, assignment: 0, validator: decider, approve: true),
            .assignmentVerified(job: job, assignment: 0, provider: provider, cost: Amount(microUnits: 9_000_000),
                                fee: Amount(microUnits: 225_000), payout: Amount(microUnits: 8_775_000)),
        ] + members.sorted().map { .validatorRewarded(validator: $0, amount: Amount(microUnits: 18_000)) } + [
            .jobSettled(job: job, status: .completed, refund: Amount(microUnits: 91_000_000)),
        ])
        #expect(fixture.state.globals.treasury.microUnits == treasury + txFee + 225_000 - 90_000)
        let assignment = try #require(fixture.assignment(job))
        #expect(assignment.fee.microUnits == 225_000)
        #expect(assignment.providerPayout.microUnits == 8_775_000)
        let record = try #require(fixture.state.jobs[job])
        #expect(record.status == .completed)
        #expect(record.paid.microUnits == 9_000_000)
        #expect(record.refunded.microUnits == 91_000_000)
        #expect(record.escrow == .zero)
        #expect(fixture.balance(client).microUnits == clientFunds - txFee - 100_000_000 + 91_000_000)
        #expect(members.count == 5)
        for member in members {
            #expect(fixture.balance(member).microUnits == validatorFunds - txFee + 18_000)
            let validator = try #require(fixture.state.validators[member])
            #expect(validator.rewards.microUnits == 18_000)
            #expect(validator.reputation == 51)
            #expect(validator.votesWithOutcome == 1)
            #expect(validator.votesCast == 1)
        }
        let stored = try #require(fixture.state.providers[provider])
        #expect(stored.earned.microUnits == 8_775_000)
        #expect(stored.reputation == 52)
        #expect(stored.completedAssignments == 1)
        #expect(fixture.state.globals.claimableTotal.microUnits == 8_775_000)
        #expect(fixture.state.globals.gpuHoursVerified == 10)

        fixture.succeed(provider, .claimReward(job))
        expectMoneyConserved(fixture.state)
        // Stake 80, three fees (register, proof, claim), payout 8.775.
        #expect(fixture.balance(provider).microUnits == 9_928_772_000)
        #expect(fixture.balance(provider).microUnits == providerFunds - 80_000_000 - 3 * txFee + 8_775_000)
        #expect(fixture.state.globals.claimableTotal == .zero)
        #expect(fixture.state.globals.supply == supply)
    }

    @Test("calculate-job-cost quotes the worked example")
    func costQuote() throws {
        let fixture = try MarketFixture()
        let quote = try fixture.state.calculateJobCost(gpuHours: 10, tier: .consumer, rate: Amount(microUnits: 900_000))
        #expect(quote == CostQuote(
            gpuHours: 10, ratePerGPUHour: Amount(microUnits: 900_000), cost: Amount(microUnits: 9_000_000),
            platformFee: Amount(microUnits: 225_000), providerPayout: Amount(microUnits: 8_775_000),
            referenceCost: Amount(microUnits: 2_500_000)))
        let reference = try fixture.state.calculateJobCost(gpuHours: 10, tier: .datacenter)
        #expect(reference.cost.microUnits == 10_000_000)
        #expect(reference.platformFee.microUnits == 250_000)
        #expect(reference.providerPayout.microUnits == 9_750_000)
        #expect(reference.referenceCost.microUnits == 10_000_000)
        #expect(throws: MarketError.arithmeticOverflow) {
            try fixture.state.calculateJobCost(gpuHours: .max, tier: .datacenter)
        }
    }

    @Test("the validator pool is split equally among the approvers, the remainder and the dissenter's slash go to the treasury",
          arguments: [
              FeeSplitCase(rate: 900_000, cost: 9_000_000, fee: 225_000, payout: 8_775_000, pool: 90_000, share: 30_000, remainder: 0),
              FeeSplitCase(rate: 700_000, cost: 7_000_000, fee: 175_000, payout: 6_825_000, pool: 70_000, share: 23_333, remainder: 1),
              FeeSplitCase(rate: 800_000, cost: 8_000_000, fee: 200_000, payout: 7_800_000, pool: 80_000, share: 26_666, remainder: 2),
              FeeSplitCase(rate: 1_000_000, cost: 10_000_000, fee: 250_000, payout: 9_750_000, pool: 100_000, share: 33_333, remainder: 1),
              FeeSplitCase(rate: 123_457, cost: 1_234_570, fee: 30_864, payout: 1_203_706, pool: 12_345, share: 4_115, remainder: 0),
          ])
    func feeSplit(split: FeeSplitCase) throws {
        var fixture = try MarketFixture()
        let job = fixture.jobAwaitingVotes(provider: MarketFixture.spec(rate: Amount(microUnits: split.rate)))
        let members = try #require(fixture.assignment(job)?.committee.map(\.validator))
        // Member 0 rejects its sample, which opens a dispute; members 1-3 then approve the disputed segments.
        fixture.castVotes(job, [false, true, true, true, true])
        #expect(fixture.assignment(job)?.phase == .dispute)
        for position in [1, 2] {
            let (member, body) = try #require(fixture.vote(job, member: position, approve: true))
            fixture.succeed(member, body)
        }
        expectMoneyConserved(fixture.state)
        let treasury = fixture.state.globals.treasury.microUnits
        let (decider, body) = try #require(fixture.vote(job, member: 3, approve: true))
        let events = fixture.succeed(decider, body)
        expectMoneyConserved(fixture.state)
        let dissenterSlash: UInt64 = 2_000_000 // 100 basis points of a 200-token stake
        #expect(events.contains(.assignmentVerified(
            job: job, assignment: 0, provider: fixture.providers[0], cost: Amount(microUnits: split.cost),
            fee: Amount(microUnits: split.fee), payout: Amount(microUnits: split.payout))))
        #expect(events.contains(.validatorPenalized(
            validator: members[0], amount: Amount(microUnits: dissenterSlash), reason: .voteAgainstOutcome)))
        #expect(fixture.state.globals.treasury.microUnits
            == treasury + txFee + (split.fee - split.pool) + split.remainder + dissenterSlash)
        #expect(split.share * 3 + split.remainder == split.pool)
        for approver in members[1...3] {
            #expect(events.contains(.validatorRewarded(validator: approver, amount: Amount(microUnits: split.share))))
            #expect(fixture.balance(approver).microUnits == validatorFunds - 2 * txFee + split.share)
        }
        // Member 4 approved its sample but took no part in the dispute: neither paid nor penalized.
        #expect(fixture.balance(members[4]).microUnits == validatorFunds - txFee)
        #expect(fixture.state.validators[members[4]]?.penalties == .zero)
        let dissenter = try #require(fixture.state.validators[members[0]])
        #expect(fixture.balance(members[0]).microUnits == validatorFunds - txFee)
        #expect(dissenter.stake.microUnits == 200_000_000 - dissenterSlash)
        #expect(dissenter.penalties.microUnits == dissenterSlash)
        #expect(dissenter.reputation == 45)
        #expect(dissenter.votesAgainstOutcome == 1)
        #expect(fixture.state.jobs[job]?.refunded.microUnits == 100_000_000 - split.cost)
        #expect(fixture.balance(fixture.clients[0]).microUnits == clientFunds - txFee - split.cost)
        fixture.succeed(fixture.providers[0], .claimReward(job))
        #expect(fixture.balance(fixture.providers[0]).microUnits == providerFunds - 80_000_000 - 3 * txFee + split.payout)
        expectMoneyConserved(fixture.state)
    }

    @Test("a rejection pays whistleblowerShareBasisPoints of the slash to the rejecters and the rest to the treasury")
    func rejectionSplit() throws {
        var fixture = try MarketFixture()
        let job = fixture.jobAwaitingVotes()
        let members = try #require(fixture.assignment(job)?.committee.map(\.validator))
        // Members 1-3 reject their samples; in the dispute member 0 approves and members 1-3 reject again.
        fixture.castVotes(job, [true, false, false, false, true])
        #expect(fixture.assignment(job)?.phase == .dispute)
        fixture.castVotes(job, [true, false, false])
        let treasury = fixture.state.globals.treasury.microUnits
        let slashedTotal = fixture.state.globals.slashedTotal.microUnits
        let (decider, body) = try #require(fixture.vote(job, member: 3, approve: false))
        let events = fixture.succeed(decider, body)
        expectMoneyConserved(fixture.state)
        // Slash 5,000 bp of 80 = 40 tokens; 2,000 bp of that = 8 tokens for three rejecters: 2.666666 each, 2 left.
        #expect(events.contains(.providerSlashed(provider: fixture.providers[0], amount: .tokens(40), reason: .invalidProof)))
        for rejecter in members[1...3] {
            #expect(events.contains(.validatorRewarded(validator: rejecter, amount: Amount(microUnits: 2_666_666))))
            #expect(fixture.balance(rejecter).microUnits == validatorFunds - 2 * txFee + 2_666_666)
        }
        #expect(events.contains(.validatorPenalized(validator: members[0], amount: .tokens(2), reason: .voteAgainstOutcome)))
        #expect(fixture.state.globals.treasury.microUnits == treasury + txFee + 32_000_000 + 2 + 2_000_000)
        #expect(fixture.state.globals.slashedTotal.microUnits == slashedTotal + 40_000_000 + 2_000_000)
        #expect(fixture.state.providers[fixture.providers[0]]?.stake.microUnits == 40_000_000)
        #expect(fixture.state.jobs[job]?.escrow.microUnits == 100_000_000)
        #expect(fixture.balance(fixture.clients[0]).microUnits == clientFunds - txFee - 100_000_000)
    }

    @Test("a failed transaction's fee still goes to the treasury and counts in feesCollected")
    func failedTransactionFee() throws {
        var fixture = try MarketFixture()
        let treasury = fixture.state.globals.treasury.microUnits
        let fees = fixture.state.globals.feesCollected.microUnits
        #expect(fixture.failure(fixture.outsider, .cancelJob(JobID(1))) == .jobNotFound)
        #expect(fixture.state.globals.treasury.microUnits == treasury + txFee)
        #expect(fixture.state.globals.feesCollected.microUnits == fees + txFee)
        #expect(fixture.balance(fixture.outsider).microUnits == 1_000_000_000 - txFee)
        #expect(fixture.state.accounts[fixture.outsider]?.nonce == 1)
        expectMoneyConserved(fixture.state)
    }

    @Test("a transfer moves the exact amount; minting on a development chain raises the supply")
    func transferAndMint() throws {
        var parameters = MarketParameters()
        parameters.mintingEnabled = true
        var fixture = try MarketFixture(parameters: parameters)
        fixture.succeed(fixture.clients[0], .transfer(to: fixture.governance, amount: Amount(microUnits: 1_234_567)))
        #expect(fixture.balance(fixture.governance).microUnits == 1_234_567)
        #expect(fixture.balance(fixture.clients[0]).microUnits == clientFunds - 1_234_567 - txFee)
        let supply = fixture.state.globals.supply.microUnits
        fixture.succeed(fixture.governance, .mint(to: fixture.outsider, amount: .tokens(5)))
        #expect(fixture.state.globals.supply.microUnits == supply + 5_000_000)
        #expect(fixture.balance(fixture.outsider).microUnits == 1_005_000_000)
        #expect(fixture.failure(fixture.outsider, .mint(to: fixture.outsider, amount: .tokens(5))) == .unauthorized)
        #expect(fixture.failure(fixture.governance, .mint(to: fixture.outsider, amount: .zero)) == .invalidAmount)
        expectMoneyConserved(fixture.state)
    }

    @Test("money is conserved and the running totals match the records after every block of a random market",
          arguments: [UInt64(1), 2, 3, 17])
    func conservationUnderSimulation(seed: UInt64) throws {
        var simulator = try MarketSimulator(seed: seed)
        let supply = simulator.state.globals.supply
        for _ in 0..<150 {
            simulator.step()
            let money = simulator.state.moneySupply()
            guard money.isConserved,
                  simulator.state.globals.escrowTotal == money.escrow,
                  simulator.state.globals.stakeTotal == money.stakes,
                  simulator.state.globals.claimableTotal == money.claimable
            else {
                Issue.record("seed \(seed), height \(simulator.state.height): \(money) vs \(simulator.state.globals)")
                return
            }
        }
        #expect(simulator.state.globals.supply == supply)
        #expect(simulator.state.globals.gpuHoursVerified > 0)
        #expect(simulator.state.globals.slashedTotal > .zero)
    }
}

@Suite("update-parameters")
struct UpdateParametersTests {
    @Test("governance replaces the parameter set; anyone else fails with 508, an inconsistent set with 534")
    func governanceOnly() throws {
        var fixture = try MarketFixture()
        fixture.succeed(fixture.clients[0], .transfer(to: fixture.governance, amount: .tokens(1)))
        var parameters = fixture.parameters
        parameters.platformFeeBasisPoints = 300
        #expect(fixture.failure(fixture.clients[0], .updateParameters(parameters)) == .unauthorized)
        #expect(fixture.parameters.platformFeeBasisPoints == 250)
        #expect(fixture.succeed(fixture.governance, .updateParameters(parameters)) == [.parametersUpdated])
        #expect(fixture.parameters.platformFeeBasisPoints == 300)
        var inconsistent = parameters
        inconsistent.verificationThreshold = 2 // 2 x 2 is not more than a committee of 5
        #expect(fixture.failure(fixture.governance, .updateParameters(inconsistent)) == .invalidParameters)
        #expect(fixture.parameters == parameters)
    }

    @Test("a raised platform fee applies to the next verification")
    func raisedFee() throws {
        var fixture = try MarketFixture()
        fixture.succeed(fixture.clients[0], .transfer(to: fixture.governance, amount: .tokens(1)))
        var parameters = fixture.parameters
        parameters.platformFeeBasisPoints = 1_000
        fixture.succeed(fixture.governance, .updateParameters(parameters))
        let job = fixture.jobAwaitingVotes()
        fixture.castVotes(job, [true, true, true, true, true])
        #expect(fixture.assignment(job)?.fee.microUnits == 900_000)
        #expect(fixture.assignment(job)?.providerPayout.microUnits == 8_100_000)
        expectMoneyConserved(fixture.state)
    }

    @Test("block counts above maxBlockSpan, which could overflow a height, are refused with 534", arguments: [
        "heartbeatWindowBlocks", "proofDeadlineBlocks", "validationDeadlineBlocks", "livenessWindowBlocks",
        "pendingJobTimeoutBlocks", "unbondingBlocks", "jailBlocks",
    ])
    func overflowingBlockCounts(field: String) throws {
        func parameters(_ span: UInt64) -> MarketParameters {
            var parameters = MarketParameters()
            switch field {
            case "heartbeatWindowBlocks":
                parameters.heartbeatWindowBlocks = span
                parameters.livenessWindowBlocks = span
            case "proofDeadlineBlocks": parameters.proofDeadlineBlocks = span
            case "validationDeadlineBlocks": parameters.validationDeadlineBlocks = span
            case "livenessWindowBlocks": parameters.livenessWindowBlocks = span
            case "pendingJobTimeoutBlocks": parameters.pendingJobTimeoutBlocks = span
            case "unbondingBlocks": parameters.unbondingBlocks = span
            default: parameters.jailBlocks = span
            }
            return parameters
        }
        #expect(throws: Never.self) { try parameters(MarketParameters.maxBlockSpan).validate() }
        #expect(throws: MarketError.invalidParameters) { try parameters(MarketParameters.maxBlockSpan + 1).validate() }
        #expect(throws: MarketError.invalidParameters) { try parameters(.max).validate() }
    }
}
