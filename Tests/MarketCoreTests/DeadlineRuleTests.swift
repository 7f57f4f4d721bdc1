import DepinTestSupport
import Testing
@testable import MarketCore
import MarketSimulation

private let clientFunds = MarketFixture.clientFunds.microUnits

private extension MarketFixture {



    /// Produces blocks in which every active fixture provider heartbeats, until `height`.
    mutating func heartbeatUntil(_ height: BlockHeight) {
        while state.height < height { heartbeatAll() }
    }

    /// Produces empty blocks until `height`; returns the boundary events of all of them.
    @discardableResult
    mutating func advance(to height: BlockHeight) -> [MarketEvent] {
        var events: [MarketEvent] = []
        while state.height < height { events += chain.produceBlock([]).boundaryEvents }
        return events
    }
}


@Suite("proof deadline")
struct ProofDeadlineTests {
    @Test("a missed proof deadline slashes missedDeadlineSlashBasisPoints, costs 10 reputation and the job is rematched")
    func missedProofDeadline() throws {
        var fixture = try MarketFixture()
        let late = fixture.providers[0]
        let backup = fixture.providers[1]
        fixture.registerProvider(0, MarketFixture.spec(rate: Amount(microUnits: 900_000)))
        fixture.registerProvider(1, MarketFixture.spec(rate: .tokens(1)))
        let job = fixture.postJob()
        fixture.succeed(fixture.outsider, .matchJob(job))
        let deadline = try #require(fixture.assignment(job)?.proofDeadline)
        #expect(deadline == fixture.state.height + fixture.parameters.proofDeadlineBlocks)
        fixture.heartbeatUntil(deadline - 1)
        #expect(fixture.assignment(job)?.status == .assigned)
        #expect(fixture.state.providers[late]?.stake.microUnits == 80_000_000)
        let treasury = fixture.state.globals.treasury.microUnits

        let block = fixture.chain.produceBlock([])
        #expect(block.height == deadline)
        // 1,000 basis points of the 80-token stake.
        #expect(block.boundaryEvents == [
            .assignmentMissedDeadline(job: job, assignment: 0, provider: late),
            .providerSlashed(provider: late, amount: .tokens(8), reason: .missedDeadline),
        ])
        #expect(fixture.state.globals.treasury.microUnits == treasury + 8_000_000)
        let provider = try #require(fixture.state.providers[late])
        #expect(provider.stake.microUnits == 72_000_000)
        #expect(provider.slashed.microUnits == 8_000_000)
        #expect(provider.reputation == 40)
        #expect(provider.failedAssignments == 1)
        #expect(provider.busyGPUs == 0)
        #expect(provider.activeAssignments == 0)
        #expect(provider.jailedUntil == 0)
        let record = try #require(fixture.state.jobs[job])
        #expect(record.assignments[0].status == .missedDeadline)
        #expect(record.status == .pending)
        #expect(record.unassignedGPUHours == 10)
        #expect(record.reserved == .zero)
        #expect(record.excluded == [late])
        #expect(record.expiresAt == deadline + fixture.parameters.pendingJobTimeoutBlocks)
        expectMoneyConserved(fixture.state)

        fixture.succeed(fixture.outsider, .matchJob(job))
        #expect(fixture.assignment(job, 1)?.provider == backup)
        #expect(fixture.submitProof(job, 1)?.error == nil)
        fixture.chain.advance(blocks: 1)
        fixture.approveAll(job, 1)
        #expect(fixture.state.jobs[job]?.status == .completed)
        #expect(fixture.state.jobs[job]?.refunded.microUnits == 90_000_000)
        expectMoneyConserved(fixture.state)
    }
}

@Suite("bounded rematching")
struct BoundedRematchingTests {
    @Test("failed assignments count against maxAssignmentsPerJob, so rematching stops with 530")
    func rematchingIsBounded() throws {
        var parameters = MarketParameters()
        parameters.proofDeadlineBlocks = 5
        parameters.maxProvidersPerJob = 1
        parameters.maxAssignmentsPerJob = 2
        var fixture = try MarketFixture(parameters: parameters)
        fixture.registerProvider(0)
        fixture.registerProvider(1)
        fixture.registerProvider(2)
        let job = fixture.postJob()
        fixture.succeed(fixture.outsider, .matchJob(job))
        #expect(fixture.failure(fixture.providers[1], .acceptJob(job, gpuHours: 1)) == .jobActive)
        let first = try #require(fixture.assignment(job)?.proofDeadline)
        fixture.heartbeatUntil(first)
        #expect(fixture.assignment(job)?.status == .missedDeadline)
        fixture.succeed(fixture.outsider, .matchJob(job))
        #expect(fixture.assignment(job, 1)?.provider == fixture.providers[1])
        let second = try #require(fixture.assignment(job, 1)?.proofDeadline)
        fixture.heartbeatUntil(second)
        #expect(fixture.assignment(job, 1)?.status == .missedDeadline)
        #expect(fixture.failure(fixture.outsider, .matchJob(job)) == .tooManyAssignments)
        #expect(fixture.failure(fixture.providers[2], .acceptJob(job, gpuHours: 10)) == .tooManyAssignments)
        let record = try #require(fixture.state.jobs[job])
        #expect(record.status == .pending)
        #expect(record.excluded == [fixture.providers[0], fixture.providers[1]].sorted())
        expectMoneyConserved(fixture.state)
    }
}

@Suite("deadlines across a parameter update")
struct DeadlinesAcrossParameterUpdateTests {
    @Test("a parameter update keeps pending proof deadlines, committee draws, liveness expiries and job expiries")
    func scheduleSurvivesUpdate() throws {
        var fixture = try MarketFixture()
        fixture.succeed(fixture.clients[2], .transfer(to: fixture.governance, amount: .tokens(1)))
        fixture.registerProvider(0) // height 3
        fixture.registerProvider(1) // height 4
        let missed = fixture.postJob()
        fixture.succeed(fixture.outsider, .matchJob(missed))
        let proved = fixture.postJob()
        fixture.succeed(fixture.providers[1], .acceptJob(proved, gpuHours: 10))
        let waiting = fixture.postJob(client: 1)
        var parameters = fixture.parameters
        parameters.platformFeeBasisPoints = 300
        let proof = TransactionBody.submitProof(
            proved, assignment: 0, checkpointRoot: Hash256.tagged("r", []), resultHash: Hash256.tagged("s", []), segmentCount: 8)
        let block = fixture.chain.produceBlock([(fixture.providers[1], proof), (fixture.governance, .updateParameters(parameters))])
        #expect(block.outcomes.map(\.error) == [nil, nil])
        let proofBlockHash = fixture.chain.lastHash

        fixture.chain.produceBlock([])
        let drawn = try #require(fixture.assignment(proved))
        #expect(drawn.status == .voting)
        #expect(drawn.challengeSeed == Challenge.seed(blockHash: proofBlockHash, job: proved, assignment: 0, round: 0))

        // Neither provider heartbeats again: each is delisted at its last heartbeat + 21.
        #expect(fixture.state.listedProviderCount == 2)
        while fixture.state.height < 3 + 21 { fixture.chain.produceBlock([]) }
        #expect(fixture.state.providerInfo(fixture.providers[0])?.online == false)
        #expect(fixture.state.listedProviderCount == 1)
        fixture.chain.produceBlock([])
        #expect(fixture.state.listedProviderCount == 0)

        let proofDeadline = try #require(fixture.assignment(missed)?.proofDeadline)
        while fixture.state.height < proofDeadline { fixture.chain.produceBlock([]) }
        #expect(fixture.assignment(missed)?.status == .missedDeadline)

        let expiresAt = try #require(fixture.state.jobs[waiting]?.expiresAt)
        while fixture.state.height < expiresAt { fixture.chain.produceBlock([]) }
        #expect(fixture.state.jobs[waiting]?.status == .expired)
        expectMoneyConserved(fixture.state)
    }
}

@Suite("validation deadline")
struct ValidationDeadlineTests {
    @Test("without a decision by the deadline the committee is redrawn without the members who did not vote")
    func redrawWithoutNonVoters() throws {
        var fixture = try MarketFixture()
        let job = fixture.jobAwaitingVotes()
        fixture.castVotes(job, [true, true])
        let first = try #require(fixture.assignment(job))
        let voters = first.committee.prefix(2).map(\.validator)
        let nonVoters = first.committee.dropFirst(2).map(\.validator)
        fixture.heartbeatUntil(first.votingDeadline - 1)
        #expect(fixture.assignment(job)?.round == 0)
        #expect(fixture.assignment(job)?.status == .voting)

        let block = fixture.chain.produceBlock([])
        let assignment = try #require(fixture.assignment(job))
        let members = assignment.committee.map(\.validator)
        #expect(assignment.round == 1)
        #expect(assignment.status == .voting)
        #expect(assignment.votes.isEmpty)
        #expect(assignment.skippedValidators == nonVoters.sorted())
        #expect(assignment.votingDeadline == block.height + 1 + fixture.parameters.validationDeadlineBlocks)
        #expect(Set(members) == Set(fixture.validators).subtracting(nonVoters))
        #expect(members.count == 4)
        #expect(assignment.challengeSeed == Challenge.seed(
            blockHash: fixture.state.previousBlockHash, job: job, assignment: 0, round: 1))
        let penalized = block.boundaryEvents.compactMap { event -> Address? in
            if case .validatorPenalized(let validator, let amount, .missedVote) = event, amount == .zero { return validator }
            return nil
        }
        #expect(Set(penalized) == Set(nonVoters))
        #expect(block.boundaryEvents.contains(.committeeDrawn(job: job, assignment: 0, round: 1, members: members)))
        for validator in nonVoters {
            #expect(fixture.state.validators[validator]?.reputation == 48)
            #expect(fixture.state.validators[validator]?.missedVotes == 1)
            #expect(fixture.state.validators[validator]?.stake.microUnits == 200_000_000)
        }
        for validator in voters {
            #expect(fixture.state.validators[validator]?.reputation == 50)
        }
        // The new committee decides as usual.
        fixture.approveAll(job)
        #expect(fixture.assignment(job)?.status == .verified)
        expectMoneyConserved(fixture.state)
    }

    @Test("after maxCommitteeRedraws deadlines without a decision the assignment is unverifiable and the client refunded")
    func unverifiableAfterRedraws() throws {
        var fixture = try MarketFixture()
        let job = fixture.jobAwaitingVotes()
        let provider = fixture.providers[0]
        let firstDeadline = try #require(fixture.assignment(job)?.votingDeadline)
        let step = 1 + fixture.parameters.validationDeadlineBlocks
        #expect(fixture.parameters.maxCommitteeRedraws == 3)
        for round in UInt32(1)...3 {
            fixture.heartbeatUntil(firstDeadline + UInt64(round - 1) * step)
            #expect(fixture.assignment(job)?.round == round)
            #expect(fixture.assignment(job)?.status.isFinal == false)
        }
        let final = firstDeadline + 3 * step
        fixture.heartbeatUntil(final - 1)
        #expect(fixture.assignment(job)?.status.isFinal == false)
        let block = fixture.chain.produceBlock([])
        #expect(block.boundaryEvents.contains(.assignmentUnverifiable(job: job, assignment: 0, provider: provider)))
        #expect(block.boundaryEvents.contains(.jobSettled(job: job, status: .expired, refund: .tokens(100))))
        let assignment = try #require(fixture.assignment(job))
        #expect(assignment.status == .unverifiable)
        #expect(assignment.round == 4)
        let record = try #require(fixture.state.jobs[job])
        #expect(record.status == .expired)
        #expect(record.escrow == .zero)
        #expect(record.reserved == .zero)
        #expect(record.refunded.microUnits == 100_000_000)
        #expect(record.paid == .zero)
        #expect(fixture.balance(fixture.clients[0]).microUnits == clientFunds - txFee)
        let stored = try #require(fixture.state.providers[provider])
        #expect(stored.activeAssignments == 0)
        #expect(stored.busyGPUs == 0)
        #expect(stored.failedAssignments == 1)
        #expect(stored.reputation == 50)
        #expect(stored.stake.microUnits == 80_000_000)
        #expect(fixture.failure(provider, .claimReward(job)) == .notVerified)
        expectMoneyConserved(fixture.state)
    }
}

@Suite("pending-job expiry")
struct PendingJobExpiryTests {
    @Test("a job nobody takes expires after pendingJobTimeoutBlocks and the whole escrow is refunded")
    func unmatchedJobExpires() throws {
        var fixture = try MarketFixture()
        let job = fixture.postJob()
        let expiresAt = try #require(fixture.state.jobs[job]?.expiresAt)
        #expect(expiresAt == fixture.state.height + fixture.parameters.pendingJobTimeoutBlocks)
        fixture.advance(to: expiresAt - 1)
        #expect(fixture.state.jobs[job]?.status == .pending)
        let block = fixture.chain.produceBlock([])
        #expect(block.boundaryEvents == [.jobSettled(job: job, status: .expired, refund: .tokens(100))])
        let record = try #require(fixture.state.jobs[job])
        #expect(record.status == .expired)
        #expect(record.escrow == .zero)
        #expect(record.refunded.microUnits == 100_000_000)
        #expect(record.unassignedGPUHours == 0)
        #expect(fixture.balance(fixture.clients[0]).microUnits == clientFunds - txFee)
        #expect(fixture.state.globals.escrowTotal == .zero)
        #expect(fixture.failure(fixture.clients[0], .cancelJob(job)) == .jobActive)
        expectMoneyConserved(fixture.state)
    }

    @Test("a partly covered job expires with the verified part paid and the rest refunded")
    func partlyCoveredJobExpires() throws {
        var fixture = try MarketFixture()
        fixture.registerProvider(0)
        let job = fixture.postJob()
        fixture.succeed(fixture.providers[0], .acceptJob(job, gpuHours: 4))
        #expect(fixture.submitProof(job)?.error == nil)
        fixture.chain.advance(blocks: 1)
        fixture.approveAll(job)
        #expect(fixture.assignment(job)?.status == .verified)
        #expect(fixture.state.jobs[job]?.status == .pending)
        let expiresAt = try #require(fixture.state.jobs[job]?.expiresAt)
        fixture.advance(to: expiresAt - 1)
        let block = fixture.chain.produceBlock([])
        #expect(block.boundaryEvents.contains(.jobSettled(job: job, status: .expired, refund: Amount(microUnits: 96_400_000))))
        let record = try #require(fixture.state.jobs[job])
        #expect(record.status == .expired)
        #expect(record.paid.microUnits == 3_600_000)
        #expect(record.refunded.microUnits == 96_400_000)
        #expect(fixture.balance(fixture.clients[0]).microUnits == clientFunds - 3_600_000 - txFee)
        expectMoneyConserved(fixture.state)
    }
}

@Suite("downtime during an assignment")
struct DowntimeTests {
    @Test("an assigned provider that stops heartbeating loses downtimeSlashBasisPoints of stake once per window")
    func downtimeSlash() throws {
        var fixture = try MarketFixture()
        let silent = fixture.providers[0]
        let steady = fixture.providers[1]
        let idle = fixture.providers[2]
        fixture.registerProvider(0) // height 2, window 0
        fixture.registerProvider(1) // height 3
        fixture.registerProvider(2) // height 4
        let first = fixture.postJob()
        fixture.succeed(fixture.outsider, .matchJob(first))
        let second = fixture.postJob()
        fixture.succeed(steady, .acceptJob(second, gpuHours: 10))
        #expect(fixture.assignment(first)?.provider == silent)
        #expect(fixture.state.height == 8)

        var slashes: [BlockHeight: [MarketEvent]] = [:]
        var treasuryBySlash: [BlockHeight: UInt64] = [:]
        while fixture.state.height < 31 {
            let next = fixture.state.height + 1
            let actions: [(Address, TransactionBody)] = next % 5 == 0 ? [(steady, .providerHeartbeat)] : []
            let treasury = fixture.state.globals.treasury.microUnits
            let block = fixture.chain.produceBlock(actions)
            let downtime = block.boundaryEvents.filter {
                if case .providerSlashed(_, _, .downtime) = $0 { return true }
                return false
            }
            if !downtime.isEmpty {
                slashes[next] = downtime
                treasuryBySlash[next] = fixture.state.globals.treasury.microUnits - treasury - UInt64(actions.count) * txFee
            }
            if next == 29 {
                #expect(fixture.state.providers[silent]?.stake.microUnits == 78_400_000)
            }
        }
        // Window 1 (height 10) still counts window 0 as fully up; windows 2 and 3 open with a miss.
        #expect(slashes == [
            20: [.providerSlashed(provider: silent, amount: Amount(microUnits: 1_600_000), reason: .downtime)],
            30: [.providerSlashed(provider: silent, amount: Amount(microUnits: 1_568_000), reason: .downtime)],
        ])
        #expect(treasuryBySlash == [20: 1_600_000, 30: 1_568_000])
        let provider = try #require(fixture.state.providers[silent])
        #expect(provider.stake.microUnits == 76_832_000)
        #expect(provider.reputation == 40)
        #expect(provider.lastDowntimePenaltyWindow == 3)
        #expect(fixture.state.providers[steady]?.stake.microUnits == 80_000_000)
        #expect(fixture.state.providers[steady]?.reputation == 50)
        #expect(fixture.state.providers[idle]?.stake.microUnits == 80_000_000)
        #expect(fixture.state.providers[idle]?.reputation == 50)
        expectMoneyConserved(fixture.state)
    }
}
