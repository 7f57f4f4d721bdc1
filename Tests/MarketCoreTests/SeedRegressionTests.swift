import DepinTestSupport
import MarketCore
import MarketSimulation
import Testing

/// The seed contract's five bugs, each pinned so it can never come back.
@Suite("Seed contract regressions")
struct SeedRegressionTests {
    @Test("Seed bug 1: validation counting is real — votes are counted one by one, never assumed")
    func validationCountIsReal() throws {
        var market = try MarketFixture()
        let job = market.jobAwaitingVotes()
        #expect(market.assignment(job)?.committee.count == 5)
        let outcomes = market.castVotes(job, [true, true])
        #expect(outcomes.allSatisfy { $0?.error == nil })
        #expect(market.assignment(job)?.status == .voting)
        #expect(market.assignment(job)?.votes.count == 2)
        for position in 2..<5 {
            #expect(market.assignment(job)?.status == .voting)
            let (voter, vote) = try #require(market.vote(job, member: position, approve: true))
            #expect(market.run(voter, vote)?.error == nil)
        }
        #expect(market.assignment(job)?.status == .verified)
        #expect(market.assignment(job)?.votes.count == 5)
    }

    @Test("One rejecting sample opens a dispute that the committee's majority decides")
    func oneRejectionOpensADispute() throws {
        var market = try MarketFixture()
        let job = market.jobAwaitingVotes()
        market.castVotes(job, [true, true, true, true, false])
        let disputed = try #require(market.assignment(job))
        #expect(disputed.status == .voting)
        #expect(disputed.phase == .dispute)
        #expect(disputed.disputedSegments == disputed.committee[4].segments)
        #expect(disputed.votes.isEmpty)
        market.castVotes(job, [false, false, false])
        #expect(market.assignment(job)?.status == .rejected)
        #expect(market.state.jobs[job]?.status == .pending)
    }

    @Test("Seed bug 2: earnings are set, so a verified provider's claim pays cost minus fee")
    func claimsPay() throws {
        var market = try MarketFixture()
        let job = market.jobAwaitingVotes()
        market.castVotes(job, [true, true, true, true, true])
        let provider = market.providers[0]
        let before = market.balance(provider)
        let outcome = market.run(provider, .claimReward(job))
        #expect(outcome?.error == nil)
        // 10 GPU-hours x 0.9 = 9.000000; fee 2.5 % = 0.225000; payout 8.775000; minus the 0.001 tx fee.
        #expect(market.balance(provider) == Amount(microUnits: before.microUnits + 8_775_000 - 1_000))
        #expect(market.state.providers[provider]?.earned == Amount(microUnits: 8_775_000))
    }

    @Test("Seed bug 3: job ids come from their own counter and never collide after completions")
    func jobIDsAreUnique() throws {
        var market = try MarketFixture()
        let first = market.jobAwaitingVotes()
        market.castVotes(first, [true, true, true, true, true])
        #expect(market.state.jobs[first]?.status == .completed)
        let second = market.postJob()
        let third = market.postJob(client: 1)
        #expect([first, second, third] == [JobID(1), JobID(2), JobID(3)])
        #expect(market.state.jobs.count == 3)
    }

    @Test("Seed bug 4: registering with stake is what makes a validator eligible; nobody else can vote")
    func validatorsBecomeEligibleByStaking() throws {
        var market = try MarketFixture(genesisValidators: 2)
        // Two validators are fewer than the threshold: no committee can be drawn.
        let job = market.jobAwaitingVotes()
        #expect(market.assignment(job)?.status == .awaitingCommittee)
        #expect(market.failure(market.outsider, .verifyProof(job, assignment: 0, approve: true, evidence: [])) == .committeePending)
        // A third account stakes by transaction and becomes eligible: the next block draws the committee.
        #expect(market.run(market.validators[2], .registerValidator(stake: MarketFixture.validatorStake))?.error == nil)
        market.chain.advance(blocks: 1)
        #expect(market.assignment(job)?.status == .voting)
        let committee = try #require(market.assignment(job)?.committee.map(\.validator))
        #expect(Set(committee) == Set(market.validators.prefix(3)))
        #expect(market.failure(market.outsider, .verifyProof(job, assignment: 0, approve: true, evidence: [])) == .notOnCommittee)
        market.castVotes(job, [true, true, true])
        #expect(market.assignment(job)?.status == .verified)
    }

    @Test("Seed bug 5: availability is measured from heartbeats, not taken from the provider")
    func availabilityIsMeasured() throws {
        var market = try MarketFixture()
        market.registerProvider(0)
        let provider = market.providers[0]
        #expect(market.state.providerInfo(provider)?.availabilityBasisPoints == 10_000)
        // Skip heartbeats for several availability windows, then come back.
        market.chain.advance(blocks: Int(market.parameters.heartbeatWindowBlocks) * 3)
        market.run(provider, .providerHeartbeat)
        let info = try #require(market.state.providerInfo(provider))
        #expect(info.online)
        #expect(info.availabilityBasisPoints < market.parameters.uptimeRequirementBasisPoints)
        let job = market.postJob()
        #expect(market.failure(market.clients[1], .matchJob(job)) == .noEligibleProvider)
        #expect(market.failure(provider, .acceptJob(job, gpuHours: 10)) == .providerOffline)
    }
}
