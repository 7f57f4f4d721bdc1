import DepinTestSupport
import Testing
@testable import MarketCore
import MarketSimulation


private extension MarketFixture {



    /// Proves assignment `index`, lets the committee be drawn and has it approve or reject.
    mutating func decide(_ job: JobID, _ index: UInt32 = 0, approve: Bool, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(submitProof(job, index)?.error == nil, sourceLocation: sourceLocation)
        chain.advance(blocks: 1)
        for outcome in approve ? approveAll(job, index) : rejectAll(job, index) {
            #expect(outcome?.error == nil, sourceLocation: sourceLocation)
        }
    }

    /// The provider of assignment `index` of `job`.
    func assignee(_ job: JobID, _ index: UInt32 = 0) -> Address? { assignment(job, index)?.provider }
}

private func rate(_ microUnits: UInt64) -> Amount { Amount(microUnits: microUnits) }

@Suite("match-job")
struct MatchJobTests {
    @Test("anyone may match: every unassigned GPU-hour goes to the chosen provider at its rate")
    func matchByAnyone() throws {
        var fixture = try MarketFixture()
        let provider = fixture.providers[0]
        fixture.registerProvider(0)
        let job = fixture.postJob()
        let events = fixture.succeed(fixture.outsider, .matchJob(job))
        let height = fixture.state.height
        #expect(events == [.jobMatched(job: job, assignment: 0, provider: provider, gpuHours: 10, rate: rate(900_000), cost: .tokens(9))])
        let record = try #require(fixture.state.jobs[job])
        #expect(record.status == .active)
        #expect(record.unassignedGPUHours == 0)
        #expect(record.reserved.microUnits == 9_000_000)
        #expect(record.escrow.microUnits == 100_000_000)
        let assignment = try #require(record.assignments.first)
        #expect(record.assignments.count == 1)
        #expect(assignment.index == 0)
        #expect(assignment.provider == provider)
        #expect(assignment.gpuHours == 10)
        #expect(assignment.gpus == 1)
        #expect(assignment.ratePerGPUHour.microUnits == 900_000)
        #expect(assignment.cost.microUnits == 9_000_000)
        #expect(assignment.assignedAt == height)
        #expect(assignment.proofDeadline == height + 200)
        #expect(assignment.status == .assigned)
        #expect(assignment.proof == nil)
        #expect(assignment.committee.isEmpty)
        let stored = try #require(fixture.state.providers[provider])
        #expect(stored.busyGPUs == 1)
        #expect(stored.activeAssignments == 1)
        #expect(stored.freeGPUs == 7)
        #expect(fixture.state.globals.busyGPUs == 1)
        #expect(fixture.failure(fixture.outsider, .matchJob(job)) == .jobActive)
    }

    @Test("with no eligible provider match-job fails with 523 no-eligible-provider")
    func noEligibleProvider() throws {
        var fixture = try MarketFixture()
        let job = fixture.postJob()
        #expect(fixture.failure(fixture.outsider, .matchJob(job)) == .noEligibleProvider)
        #expect(fixture.state.jobs[job]?.status == .pending)
        #expect(fixture.state.jobs[job]?.assignments.isEmpty == true)
    }

    @Test("the lowest rate wins")
    func lowestRateWins() throws {
        var fixture = try MarketFixture()
        fixture.registerProvider(0, MarketFixture.spec(rate: rate(900_000)))
        fixture.registerProvider(1, MarketFixture.spec(rate: rate(800_000)))
        fixture.registerProvider(2, MarketFixture.spec(rate: rate(1_000_000)))
        let job = fixture.postJob()
        let record = try #require(fixture.state.jobs[job])
        #expect(fixture.state.bestProvider(for: record) == fixture.providers[1])
        fixture.succeed(fixture.outsider, .matchJob(job))
        #expect(fixture.assignee(job) == fixture.providers[1])
        #expect(fixture.assignment(job)?.cost.microUnits == 8_000_000)
    }

    @Test("at equal rates the higher reputation wins over an earlier registration")
    func reputationBreaksRateTie() throws {
        var fixture = try MarketFixture()
        fixture.registerProvider(0)
        fixture.registerProvider(1)
        // Provider 1, registered later, earns reputation by completing a job it accepted itself.
        let first = fixture.postJob()
        fixture.succeed(fixture.providers[1], .acceptJob(first, gpuHours: 10))
        fixture.decide(first, approve: true)
        #expect(fixture.state.providers[fixture.providers[1]]?.reputation == 52)
        #expect(fixture.state.providers[fixture.providers[0]]?.reputation == 50)
        let second = fixture.postJob()
        fixture.succeed(fixture.outsider, .matchJob(second))
        #expect(fixture.assignee(second) == fixture.providers[1])
    }

    @Test("at equal rate and reputation the earliest registration wins")
    func earliestRegistrationBreaksTie() throws {
        var fixture = try MarketFixture()
        fixture.registerProvider(2)
        fixture.registerProvider(0)
        fixture.registerProvider(1)
        let job = fixture.postJob()
        fixture.succeed(fixture.outsider, .matchJob(job))
        #expect(fixture.assignee(job) == fixture.providers[2])
    }

    @Test("a provider qualifies for its own tier and every lower one", arguments: GPUTier.allCases, GPUTier.allCases)
    func tierOrdering(providerTier: GPUTier, jobTier: GPUTier) throws {
        var fixture = try MarketFixture()
        fixture.registerProvider(0, MarketFixture.spec(tier: providerTier))
        let job = fixture.postJob(MarketFixture.jobSpec(tier: jobTier))
        if providerTier >= jobTier {
            fixture.succeed(fixture.outsider, .matchJob(job))
            #expect(fixture.assignee(job) == fixture.providers[0])
        } else {
            #expect(fixture.failure(fixture.outsider, .matchJob(job)) == .noEligibleProvider)
            #expect(fixture.failure(fixture.providers[0], .acceptJob(job, gpuHours: 10)) == .insufficientCompute)
        }
    }

    @Test("a cheaper provider below the required tier is passed over")
    func cheaperLowerTierSkipped() throws {
        var fixture = try MarketFixture()
        fixture.registerProvider(0, MarketFixture.spec(tier: .consumer, rate: rate(300_000)))
        fixture.registerProvider(1, MarketFixture.spec(tier: .prosumer, rate: rate(950_000)))
        fixture.registerProvider(2, MarketFixture.spec(tier: .datacenter, rate: rate(900_000)))
        let job = fixture.postJob(MarketFixture.jobSpec(tier: .prosumer))
        fixture.succeed(fixture.outsider, .matchJob(job))
        #expect(fixture.assignee(job) == fixture.providers[2])
    }

    @Test("memory per GPU must reach the job's", arguments: [(UInt32(8), false), (39, false), (40, true), (80, true)])
    func memoryRequirement(providerMemory: UInt32, qualifies: Bool) throws {
        var fixture = try MarketFixture()
        fixture.registerProvider(0, MarketFixture.spec(memory: providerMemory))
        let job = fixture.postJob(MarketFixture.jobSpec(memory: 40))
        if qualifies {
            fixture.succeed(fixture.outsider, .matchJob(job))
            #expect(fixture.assignee(job) == fixture.providers[0])
        } else {
            #expect(fixture.failure(fixture.outsider, .matchJob(job)) == .noEligibleProvider)
            #expect(fixture.failure(fixture.providers[0], .acceptJob(job, gpuHours: 10)) == .insufficientCompute)
        }
    }

    @Test("free GPUs must cover the job's GPU count")
    func freeGPUs() throws {
        var fixture = try MarketFixture()
        fixture.registerProvider(0, MarketFixture.spec(gpus: 8, rate: rate(500_000)))
        fixture.registerProvider(1, MarketFixture.spec(gpus: 8, rate: rate(900_000)))
        let six = fixture.postJob(MarketFixture.jobSpec(gpus: 6))
        fixture.succeed(fixture.outsider, .matchJob(six))
        #expect(fixture.assignee(six) == fixture.providers[0])
        #expect(fixture.state.providers[fixture.providers[0]]?.freeGPUs == 2)
        let four = fixture.postJob(MarketFixture.jobSpec(gpus: 4))
        fixture.succeed(fixture.outsider, .matchJob(four))
        #expect(fixture.assignee(four) == fixture.providers[1])
        let two = fixture.postJob(MarketFixture.jobSpec(gpus: 2))
        fixture.succeed(fixture.outsider, .matchJob(two))
        #expect(fixture.assignee(two) == fixture.providers[0])
        let nine = fixture.postJob(MarketFixture.jobSpec(gpus: 9))
        #expect(fixture.failure(fixture.outsider, .matchJob(nine)) == .noEligibleProvider)
        #expect(fixture.failure(fixture.providers[1], .acceptJob(nine, gpuHours: 1)) == .insufficientCompute)
        #expect(fixture.state.globals.busyGPUs == 12)
    }

    @Test("a rate above the job's maximum is never matched (accept-job: 535 rate-too-high); the maximum itself is")
    func maximumRate() throws {
        var fixture = try MarketFixture()
        fixture.registerProvider(0, MarketFixture.spec(rate: rate(2_000_001)))
        let job = fixture.postJob(MarketFixture.jobSpec(maxRate: .tokens(2)))
        #expect(fixture.failure(fixture.outsider, .matchJob(job)) == .noEligibleProvider)
        #expect(fixture.failure(fixture.providers[0], .acceptJob(job, gpuHours: 1)) == .rateTooHigh)
        fixture.registerProvider(1, MarketFixture.spec(rate: .tokens(2)))
        fixture.succeed(fixture.outsider, .matchJob(job))
        #expect(fixture.assignee(job) == fixture.providers[1])
        #expect(fixture.assignment(job)?.cost.microUnits == 20_000_000)
    }

    @Test("an assignment's cost must fit the budget not yet promised (535 rate-too-high)")
    func costMustFitBudget() throws {
        var fixture = try MarketFixture()
        fixture.registerProvider(0, MarketFixture.spec(rate: rate(900_000)))
        // Budget = reference cost of 10 consumer GPU-hours: 2.5 tokens; 10 hours at 0.9 cost 9.
        let job = fixture.postJob(MarketFixture.jobSpec(tier: .consumer, gpuHours: 10), budget: rate(2_500_000))
        #expect(fixture.failure(fixture.outsider, .matchJob(job)) == .noEligibleProvider)
        #expect(fixture.failure(fixture.providers[0], .acceptJob(job, gpuHours: 10)) == .rateTooHigh)
        fixture.succeed(fixture.providers[0], .acceptJob(job, gpuHours: 2))
        let record = try #require(fixture.state.jobs[job])
        #expect(record.reserved.microUnits == 1_800_000)
        #expect(record.unreserved.microUnits == 700_000)
        // 8 hours at 0.09 cost 0.72 > 0.7; at 0.08 they cost 0.64 and fit.
        fixture.registerProvider(1, MarketFixture.spec(rate: rate(90_000)))
        #expect(fixture.failure(fixture.providers[1], .acceptJob(job, gpuHours: 8)) == .rateTooHigh)
        #expect(fixture.failure(fixture.outsider, .matchJob(job)) == .noEligibleProvider)
        fixture.registerProvider(2, MarketFixture.spec(rate: rate(80_000)))
        fixture.succeed(fixture.outsider, .matchJob(job))
        #expect(fixture.assignee(job, 1) == fixture.providers[2])
        #expect(fixture.state.jobs[job]?.reserved.microUnits == 2_440_000)
    }

    @Test("a provider silent for more than livenessWindowBlocks is not matched (accept-job: 505 provider-offline)")
    func livenessWindow() throws {
        var parameters = MarketParameters()
        // One availability window as long as the liveness window, so only liveness is under test.
        parameters.heartbeatWindowBlocks = 20
        parameters.livenessWindowBlocks = 20
        var fixture = try MarketFixture(parameters: parameters)
        fixture.registerProvider(0) // height 2
        let job = fixture.postJob() // height 3
        fixture.chain.advance(blocks: 18) // height 21
        var lastLiveBlock = fixture
        lastLiveBlock.succeed(lastLiveBlock.outsider, .matchJob(job)) // height 22 = last heartbeat + 20
        #expect(lastLiveBlock.assignee(job) == lastLiveBlock.providers[0])

        fixture.chain.advance(blocks: 1) // height 22
        #expect(fixture.failure(fixture.outsider, .matchJob(job)) == .noEligibleProvider) // height 23
        #expect(fixture.failure(fixture.providers[0], .acceptJob(job, gpuHours: 10)) == .providerOffline)
        let info = try #require(fixture.state.providerInfo(fixture.providers[0]))
        #expect(!info.online)
        #expect(info.availabilityBasisPoints == 10_000)
        #expect(fixture.state.listedProviderCount == 0)

        fixture.succeed(fixture.providers[0], .providerHeartbeat)
        #expect(fixture.state.listedProviderCount == 1)
        fixture.succeed(fixture.outsider, .matchJob(job))
        #expect(fixture.assignee(job) == fixture.providers[0])
    }

    @Test("a live provider whose measured availability is under 95 % is not matched (accept-job: 505)")
    func availabilityRequirement() throws {
        var fixture = try MarketFixture()
        let flaky = fixture.providers[0]
        let steady = fixture.providers[1]
        fixture.registerProvider(0, MarketFixture.spec(rate: rate(500_000))) // height 2, window 0
        fixture.registerProvider(1, MarketFixture.spec(rate: rate(900_000))) // height 3, window 0
        fixture.chain.advance(blocks: 11) // height 14
        fixture.heartbeatAll() // height 15, window 1
        fixture.chain.advance(blocks: 9) // height 24
        fixture.succeed(steady, .providerHeartbeat) // height 25, window 2: only the steady one
        fixture.chain.advance(blocks: 4) // height 29
        fixture.heartbeatAll() // height 30, window 3
        let job = fixture.postJob()
        #expect(fixture.state.providerInfo(flaky)?.online == true)
        #expect(fixture.state.providerInfo(flaky)?.availabilityBasisPoints == 7_500)
        #expect(fixture.state.providerInfo(steady)?.availabilityBasisPoints == 10_000)
        #expect(fixture.failure(flaky, .acceptJob(job, gpuHours: 10)) == .providerOffline)
        fixture.succeed(fixture.outsider, .matchJob(job))
        #expect(fixture.assignee(job) == steady)
    }

    @Test("a jailed provider is not matched (accept-job: 529 provider-jailed)")
    func jailedProvider() throws {
        var fixture = try MarketFixture()
        fixture.registerProvider(1, MarketFixture.spec(rate: .tokens(1)))
        let rejected = fixture.jobAwaitingVotes() // provider 0 at 0.9
        #expect(fixture.assignee(rejected) == fixture.providers[0])
        fixture.rejectAll(rejected)
        let jailedUntil = try #require(fixture.state.providers[fixture.providers[0]]?.jailedUntil)
        #expect(jailedUntil == fixture.state.height + 100)
        let job = fixture.postJob()
        #expect(fixture.failure(fixture.providers[0], .acceptJob(job, gpuHours: 10)) == .providerJailed)
        fixture.succeed(fixture.outsider, .matchJob(job))
        #expect(fixture.assignee(job) == fixture.providers[1])
    }

    @Test("a jailed provider takes work again from jailedUntil on, once its stake is topped up")
    func jailEnds() throws {
        var fixture = try MarketFixture()
        let provider = fixture.providers[0]
        let rejected = fixture.jobAwaitingVotes()
        fixture.rejectAll(rejected)
        let jailedUntil = try #require(fixture.state.providers[provider]?.jailedUntil)
        fixture.succeed(provider, .updateProvider(MarketFixture.spec()))
        #expect(fixture.state.providers[provider]?.stake.microUnits == 80_000_000)
        while fixture.state.height < jailedUntil - 3 { fixture.heartbeatAll() }
        let job = fixture.postJob() // jailedUntil - 2
        #expect(fixture.failure(provider, .acceptJob(job, gpuHours: 10)) == .providerJailed) // jailedUntil - 1
        fixture.succeed(provider, .acceptJob(job, gpuHours: 10)) // jailedUntil
        #expect(fixture.state.height == jailedUntil)
        #expect(fixture.assignee(job) == provider)
    }

    @Test("a stake below gpuCount x providerStakePerGPU after a slash blocks matching (522) until topped up")
    func stakeBelowRequirement() throws {
        var parameters = MarketParameters()
        parameters.proofDeadlineBlocks = 5
        var fixture = try MarketFixture(parameters: parameters)
        let provider = fixture.providers[0]
        fixture.registerProvider(0) // height 2
        let missed = fixture.postJob() // height 3
        fixture.succeed(fixture.outsider, .matchJob(missed)) // height 4, deadline 9
        fixture.chain.advance(blocks: 4) // height 8
        fixture.succeed(provider, .providerHeartbeat) // height 9: the deadline passes first
        #expect(fixture.assignment(missed)?.status == .missedDeadline)
        #expect(fixture.state.providers[provider]?.stake.microUnits == 72_000_000)
        let job = fixture.postJob()
        #expect(fixture.failure(provider, .acceptJob(job, gpuHours: 10)) == .insufficientStake)
        #expect(fixture.failure(fixture.outsider, .matchJob(job)) == .noEligibleProvider)
        let balance = fixture.balance(provider).microUnits
        fixture.succeed(provider, .updateProvider(MarketFixture.spec()))
        #expect(fixture.state.providers[provider]?.stake.microUnits == 80_000_000)
        #expect(fixture.balance(provider).microUnits == balance - 8_000_000 - txFee)
        fixture.succeed(fixture.outsider, .matchJob(job))
        #expect(fixture.assignee(job) == provider)
    }

    @Test("a provider that failed a job is excluded from it (accept-job: 531) and the job goes to another")
    func excludedAfterFailure() throws {
        var parameters = MarketParameters()
        parameters.proofDeadlineBlocks = 5
        var fixture = try MarketFixture(parameters: parameters)
        fixture.registerProvider(0, MarketFixture.spec(rate: rate(800_000)))
        fixture.registerProvider(1, MarketFixture.spec(rate: rate(900_000)))
        let job = fixture.postJob()
        fixture.succeed(fixture.outsider, .matchJob(job))
        #expect(fixture.assignee(job) == fixture.providers[0])
        fixture.chain.advance(blocks: 4)
        fixture.heartbeatAll() // the deadline passes at this block
        let record = try #require(fixture.state.jobs[job])
        #expect(record.status == .pending)
        #expect(record.excluded == [fixture.providers[0]])
        // Top up so exclusion, not stake, is what keeps provider 0 out.
        fixture.succeed(fixture.providers[0], .updateProvider(MarketFixture.spec(rate: rate(800_000))))
        #expect(fixture.failure(fixture.providers[0], .acceptJob(job, gpuHours: 10)) == .alreadyAssigned)
        fixture.succeed(fixture.outsider, .matchJob(job))
        #expect(fixture.assignee(job, 1) == fixture.providers[1])
    }

    @Test("a client is never matched to its own job; accept-job fails with 536 self-dealing")
    func selfDealing() throws {
        var fixture = try MarketFixture()
        let client = fixture.clients[0]
        fixture.succeed(client, .registerProvider(MarketFixture.spec(rate: rate(500_000))))
        let own = fixture.postJob(client: 0)
        #expect(fixture.failure(fixture.outsider, .matchJob(own)) == .noEligibleProvider)
        #expect(fixture.failure(client, .acceptJob(own, gpuHours: 10)) == .selfDealing)
        fixture.registerProvider(0, MarketFixture.spec(rate: rate(900_000)))
        fixture.succeed(fixture.outsider, .matchJob(own))
        #expect(fixture.assignee(own) == fixture.providers[0])
        let other = fixture.postJob(client: 1)
        fixture.succeed(fixture.outsider, .matchJob(other))
        #expect(fixture.assignee(other) == client)
    }

    @Test("bestProvider(for:) equals bestProviderByScan(for:) on random populations",
          arguments: [UInt64(1), 7, 42, 1_234, 99_999])
    func indexAgreesWithScan(seed: UInt64) throws {
        var fixture = try MarketFixture()
        fixture.chain.advance(blocks: 300)
        var state = fixture.state
        let height = state.height
        var random = SplitMix64(seed: seed)
        let clients = (0..<3).map { Address.derived(from: "random/client/\($0)") }
        let rates: [UInt64] = [200_000, 250_000, 500_000, 900_000, 900_000, 1_000_000, 2_000_000, 3_000_000]
        let memories: [UInt32] = [8, 16, 24, 40, 48, 80]
        let reputations: [UInt8] = [0, 30, 50, 50, 52, 100]
        let heartbeatAges: [UInt64] = [0, 3, 12, 19, 20, 21, 35, 90]
        var addresses: [Address] = []
        for index in 0..<400 {
            let address = index < clients.count ? clients[index] : Address.derived(from: "random/\(seed)/\(index)")
            let gpus = UInt32(random.int(in: 1...8))
            let busy = random.chance(30) ? UInt32(random.int(in: 0...Int(gpus))) : 0
            let required = UInt64(gpus) * 10_000_000
            let stake = random.chance(10) ? required - UInt64(random.int(in: 1...1_000_000)) : required
            let lastHeartbeat = height - (random.pick(heartbeatAges) ?? 0)
            let provider = Provider(
                address: address, tier: random.pick(GPUTier.allCases) ?? .consumer, gpuCount: gpus,
                memoryPerGPUGB: random.pick(memories) ?? 8, ratePerGPUHour: rate(random.pick(rates) ?? 1),
                attested: false, stake: Amount(microUnits: stake), busyGPUs: busy, activeAssignments: busy > 0 ? 1 : 0,
                reputation: random.pick(reputations) ?? 50,
                registeredAt: min(lastHeartbeat, height - UInt64(random.int(in: 0...300))),
                sequence: UInt64(index), lastHeartbeat: lastHeartbeat,
                heartbeatWindows: random.chance(70) ? .max : random.next(),
                jailedUntil: random.chance(10) ? height + UInt64(random.int(in: 0...50)) : 0,
                status: random.chance(8) ? .unbonding(releaseHeight: height + 10) : .active,
                lastDowntimePenaltyWindow: 0, earned: .zero, slashed: .zero, completedAssignments: 0, failedAssignments: 0)
            state.setProvider(address, provider)
            addresses.append(address)
        }
        var matched = 0
        var unmatched = 0
        for index in 0..<300 {
            let tier = random.pick(GPUTier.allCases) ?? .consumer
            let spec = MarketFixture.jobSpec(
                tier: tier, gpus: UInt32(random.int(in: 1...8)), memory: random.pick(memories) ?? 8,
                gpuHours: UInt64(random.int(in: 1...20)), maxRate: rate(random.pick(rates) ?? 1))
            var excluded = Set<Address>()
            for _ in 0..<random.int(in: 0...8) {
                if let address = random.pick(addresses) { excluded.insert(address) }
            }
            let escrow = Amount(microUnits: UInt64(random.int(in: 1...40_000_000)))
            let job = Job(
                id: JobID(UInt64(index + 1)), client: random.pick(clients) ?? clients[0], spec: spec, tier: tier,
                budget: escrow, escrow: escrow, reserved: .zero, status: .pending, postedAt: height,
                expiresAt: height + 1_000, unassignedGPUHours: spec.gpuHours, assignments: [],
                excluded: excluded.sorted(), paid: .zero, refunded: .zero)
            let viaIndex = state.bestProvider(for: job)
            #expect(viaIndex == state.bestProviderByScan(for: job), "job \(index): \(spec)")
            if viaIndex == nil { unmatched += 1 } else { matched += 1 }
        }
        // Both outcomes must be common, or the comparison proves little.
        #expect(matched >= 30)
        #expect(unmatched >= 30)
    }

    @Test("after governance lengthens the liveness window, providers it makes live again are matched")
    func livenessWindowChangeReachesIndex() throws {
        var fixture = try MarketFixture()
        fixture.registerProvider(0) // height 2
        let job = fixture.postJob() // height 3
        fixture.chain.advance(blocks: 20) // height 23: delisted at 2 + 20 + 1
        #expect(fixture.state.listedProviderCount == 0)
        fixture.succeed(fixture.clients[2], .transfer(to: fixture.governance, amount: .tokens(1)))
        var parameters = fixture.parameters
        parameters.heartbeatWindowBlocks = 100
        parameters.livenessWindowBlocks = 200
        fixture.succeed(fixture.governance, .updateParameters(parameters))
        let record = try #require(fixture.state.jobs[job])
        #expect(fixture.state.bestProviderByScan(for: record) == fixture.providers[0])
        #expect(fixture.state.bestProvider(for: record) == fixture.providers[0])
        #expect(fixture.state.listedProviderCount == 1)
        fixture.succeed(fixture.outsider, .matchJob(job))
        #expect(fixture.assignee(job) == fixture.providers[0])
    }
}

@Suite("accept-job")
struct AcceptJobTests {
    @Test("an account that is not an active provider fails with 500 invalid-provider")
    func nonProvider() throws {
        var fixture = try MarketFixture()
        let job = fixture.postJob()
        #expect(fixture.failure(fixture.outsider, .acceptJob(job, gpuHours: 10)) == .invalidProvider)
        #expect(fixture.failure(fixture.validators[0], .acceptJob(job, gpuHours: 10)) == .invalidProvider)
    }

    @Test("a provider already holding a share of the job fails with 531 already-assigned")
    func alreadyAssigned() throws {
        var fixture = try MarketFixture()
        fixture.registerProvider(0)
        let job = fixture.postJob()
        fixture.succeed(fixture.providers[0], .acceptJob(job, gpuHours: 4))
        #expect(fixture.failure(fixture.providers[0], .acceptJob(job, gpuHours: 2)) == .alreadyAssigned)
        #expect(fixture.state.jobs[job]?.assignments.count == 1)
    }

    @Test("too little compute fails with 501 insufficient-compute", arguments: [
        (MarketFixture.spec(tier: .consumer), MarketFixture.jobSpec(tier: .prosumer)),
        (MarketFixture.spec(memory: 16), MarketFixture.jobSpec(memory: 24)),
        (MarketFixture.spec(gpus: 2), MarketFixture.jobSpec(gpus: 3)),
    ])
    func insufficientCompute(providerSpec: ProviderSpec, jobSpec: JobSpec) throws {
        var fixture = try MarketFixture()
        fixture.registerProvider(0, providerSpec)
        let job = fixture.postJob(jobSpec)
        #expect(fixture.failure(fixture.providers[0], .acceptJob(job, gpuHours: 1)) == .insufficientCompute)
    }

    @Test("zero GPU-hours or more than remain unassigned fail with 518 invalid-amount")
    func invalidHours() throws {
        var fixture = try MarketFixture()
        fixture.registerProvider(0)
        fixture.registerProvider(1)
        let job = fixture.postJob()
        #expect(fixture.failure(fixture.providers[0], .acceptJob(job, gpuHours: 0)) == .invalidAmount)
        #expect(fixture.failure(fixture.providers[0], .acceptJob(job, gpuHours: 11)) == .invalidAmount)
        #expect(fixture.failure(fixture.providers[0], .acceptJob(job, gpuHours: .max)) == .invalidAmount)
        fixture.succeed(fixture.providers[0], .acceptJob(job, gpuHours: 4))
        #expect(fixture.failure(fixture.providers[1], .acceptJob(job, gpuHours: 7)) == .invalidAmount)
        fixture.succeed(fixture.providers[1], .acceptJob(job, gpuHours: 6))
        #expect(fixture.state.jobs[job]?.status == .active)
    }

    @Test("a job that is fully assigned or cancelled fails with 507 job-active")
    func jobNotPending() throws {
        var fixture = try MarketFixture()
        fixture.registerProvider(0)
        fixture.registerProvider(1)
        let assigned = fixture.postJob()
        fixture.succeed(fixture.providers[0], .acceptJob(assigned, gpuHours: 10))
        #expect(fixture.failure(fixture.providers[1], .acceptJob(assigned, gpuHours: 1)) == .jobActive)
        let cancelled = fixture.postJob()
        fixture.succeed(fixture.clients[0], .cancelJob(cancelled))
        #expect(fixture.failure(fixture.providers[1], .acceptJob(cancelled, gpuHours: 1)) == .jobActive)
        #expect(fixture.failure(fixture.outsider, .matchJob(cancelled)) == .jobActive)
    }

    @Test("a partial acceptance leaves the job pending with the rest unassigned, which match-job then places")
    func partialAcceptance() throws {
        var fixture = try MarketFixture()
        fixture.registerProvider(0, MarketFixture.spec(rate: rate(900_000)))
        fixture.registerProvider(1, MarketFixture.spec(rate: .tokens(1)))
        let job = fixture.postJob()
        let events = fixture.succeed(fixture.providers[0], .acceptJob(job, gpuHours: 4))
        #expect(events == [.jobMatched(job: job, assignment: 0, provider: fixture.providers[0], gpuHours: 4,
                                       rate: rate(900_000), cost: rate(3_600_000))])
        var record = try #require(fixture.state.jobs[job])
        #expect(record.status == .pending)
        #expect(record.unassignedGPUHours == 6)
        #expect(record.reserved.microUnits == 3_600_000)
        #expect(record.assignments.map(\.gpuHours) == [4])
        fixture.succeed(fixture.outsider, .matchJob(job))
        record = try #require(fixture.state.jobs[job])
        #expect(record.status == .active)
        #expect(record.unassignedGPUHours == 0)
        #expect(record.assignments.map(\.provider) == [fixture.providers[0], fixture.providers[1]])
        #expect(record.assignments.map(\.gpuHours) == [4, 6])
        #expect(record.assignments.map(\.cost.microUnits) == [3_600_000, 6_000_000])
        #expect(record.reserved.microUnits == 9_600_000)
    }

    @Test("a job takes at most maxProvidersPerJob providers; one more fails with 530 too-many-assignments")
    func providerLimit() throws {
        var fixture = try MarketFixture()
        let candidates = fixture.providers + fixture.validators.prefix(5)
        fixture.chain.produceBlock(candidates.map { ($0, TransactionBody.registerProvider(MarketFixture.spec(gpus: 1))) })
        #expect(candidates.allSatisfy { fixture.state.providers[$0] != nil })
        let job = fixture.postJob(MarketFixture.jobSpec(gpuHours: 20))
        #expect(fixture.parameters.maxProvidersPerJob == 10)
        for provider in candidates.prefix(10) {
            fixture.succeed(provider, .acceptJob(job, gpuHours: 1))
        }
        let record = try #require(fixture.state.jobs[job])
        #expect(record.assignments.count == 10)
        #expect(record.unassignedGPUHours == 10)
        #expect(record.status == .pending)
        #expect(fixture.failure(candidates[10], .acceptJob(job, gpuHours: 1)) == .tooManyAssignments)
        #expect(fixture.failure(fixture.outsider, .matchJob(job)) == .tooManyAssignments)
    }
}
