import DepinTestSupport
import Testing
@testable import MarketCore
import MarketSimulation

private let clientFunds = MarketFixture.clientFunds.microUnits

private extension MarketFixture {


    /// Proves assignment `index`, lets the committee be drawn and has every member approve.
    mutating func complete(_ job: JobID, _ index: UInt32 = 0, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(submitProof(job, index)?.error == nil, sourceLocation: sourceLocation)
        chain.advance(blocks: 1)
        for outcome in approveAll(job, index) {
            #expect(outcome?.error == nil, sourceLocation: sourceLocation)
        }
    }
}


private func spec(_ change: (inout JobSpec) -> Void) -> JobSpec {
    var spec = MarketFixture.jobSpec()
    change(&spec)
    return spec
}

@Suite("post-job")
struct PostJobTests {
    @Test("escrows the budget and opens a pending job with every GPU-hour unassigned")
    func postJobEscrowsBudget() throws {
        var fixture = try MarketFixture()
        let client = fixture.clients[0]
        let escrowBefore = fixture.state.globals.escrowTotal.microUnits
        let jobSpec = MarketFixture.jobSpec(tier: .prosumer, gpus: 2, memory: 24, gpuHours: 40)
        let events = fixture.succeed(client, .postJob(spec: jobSpec, budget: .tokens(100)))
        let height = fixture.state.height
        let job = try #require(fixture.state.jobs[JobID(1)])
        #expect(events == [.jobPosted(job: JobID(1), client: client, budget: .tokens(100), gpuHours: 40, tier: .prosumer)])
        #expect(job.client == client)
        #expect(job.spec == jobSpec)
        #expect(job.tier == .prosumer)
        #expect(job.budget.microUnits == 100_000_000)
        #expect(job.escrow.microUnits == 100_000_000)
        #expect(job.reserved == .zero)
        #expect(job.status == .pending)
        #expect(job.postedAt == height)
        #expect(job.expiresAt == height + 1_000)
        #expect(job.unassignedGPUHours == 40)
        #expect(job.assignments.isEmpty)
        #expect(job.excluded.isEmpty)
        #expect(job.paid == .zero)
        #expect(job.refunded == .zero)
        #expect(fixture.state.jobDetails(JobID(1)) == job)
        #expect(fixture.balance(client).microUnits == clientFunds - 100_000_000 - txFee)
        #expect(fixture.state.globals.escrowTotal.microUnits == escrowBefore + 100_000_000)
        #expect(fixture.state.marketStats().jobsByStatus[.pending] == 1)
        expectMoneyConserved(fixture.state)
    }

    @Test("job ids come from their own counter: unique and increasing whatever happens to earlier jobs")
    func jobIDsAreUnique() throws {
        var fixture = try MarketFixture()
        fixture.registerProvider(0)
        let first = fixture.postJob(client: 0)
        let second = fixture.postJob(client: 1)
        fixture.succeed(fixture.clients[0], .cancelJob(first))
        let third = fixture.postJob(client: 2)
        fixture.succeed(fixture.outsider, .matchJob(second))
        fixture.complete(second)
        #expect(fixture.state.jobs[second]?.status == .completed)
        let fourth = fixture.postJob(client: 0)
        #expect([first, second, third, fourth] == [JobID(1), JobID(2), JobID(3), JobID(4)])
        #expect(fixture.state.globals.nextJobID == 5)
        #expect(fixture.state.marketStats().totalJobs == 4)
        #expect(fixture.state.jobs[fourth]?.status == .pending)
        #expect(fixture.state.jobs[second]?.client == fixture.clients[1])
    }

    @Test("a failed post does not use up an id")
    func failedPostKeepsCounter() throws {
        var fixture = try MarketFixture()
        #expect(fixture.failure(fixture.clients[0], .postJob(spec: spec { $0.gpuCount = 0 }, budget: .tokens(100))) == .invalidJobSpec)
        #expect(fixture.state.globals.nextJobID == 1)
        #expect(fixture.postJob() == JobID(1))
    }

    @Test("a tier outside 1-3 or memory outside the limits fails with 506 invalid-gpu", arguments: [
        spec { $0.tier = 0 },
        spec { $0.tier = 4 },
        spec { $0.memoryPerGPUGB = 7 },
        spec { $0.memoryPerGPUGB = 0 },
        spec { $0.memoryPerGPUGB = 16_385 },
    ])
    func invalidHardware(jobSpec: JobSpec) throws {
        var fixture = try MarketFixture()
        #expect(fixture.failure(fixture.clients[0], .postJob(spec: jobSpec, budget: .tokens(100))) == .invalidGPU)
        #expect(fixture.state.jobs.isEmpty)
        #expect(fixture.balance(fixture.clients[0]).microUnits == clientFunds - txFee)
    }

    @Test("zero or out-of-range sizes fail with 524 invalid-job-spec", arguments: [
        (spec { $0.gpuCount = 0 }, Amount.tokens(100)),
        (spec { $0.gpuCount = 257 }, Amount.tokens(100)),
        (spec { $0.gpuHours = 0 }, Amount.tokens(100)),
        (spec { $0.gpuHours = 10_000_001 }, Amount.tokens(100)),
        (spec { $0.segmentCount = 0 }, Amount.tokens(100)),
        (spec { $0.segmentCount = 4_097 }, Amount.tokens(100)),
        (spec { $0.maxRatePerGPUHour = .zero }, Amount.tokens(100)),
        (MarketFixture.jobSpec(), Amount.zero),
    ])
    func invalidSpec(jobSpec: JobSpec, budget: Amount) throws {
        var fixture = try MarketFixture()
        #expect(fixture.failure(fixture.clients[0], .postJob(spec: jobSpec, budget: budget)) == .invalidJobSpec)
        #expect(fixture.state.jobs.isEmpty)
        #expect(fixture.state.globals.escrowTotal == .zero)
    }

    @Test("a budget below GPU-hours x the tier's reference rate fails with 501 insufficient-compute", arguments: [
        (GPUTier.consumer, UInt64(10), UInt64(2_500_000)),
        (GPUTier.prosumer, UInt64(10), UInt64(5_000_000)),
        (GPUTier.datacenter, UInt64(10), UInt64(10_000_000)),
        (GPUTier.datacenter, UInt64(7), UInt64(7_000_000)),
        (GPUTier.consumer, UInt64(1), UInt64(250_000)),
    ])
    func budgetBelowReferenceCost(tier: GPUTier, gpuHours: UInt64, referenceMicroUnits: UInt64) throws {
        var fixture = try MarketFixture()
        #expect(try fixture.state.referenceCost(gpuHours: gpuHours, tier: tier).microUnits == referenceMicroUnits)
        let jobSpec = MarketFixture.jobSpec(tier: tier, gpus: 1, gpuHours: gpuHours)
        let short = Amount(microUnits: referenceMicroUnits - 1)
        #expect(fixture.failure(fixture.clients[0], .postJob(spec: jobSpec, budget: short)) == .insufficientCompute)
        #expect(fixture.failure(fixture.clients[0], .postJob(spec: jobSpec, budget: Amount(microUnits: referenceMicroUnits))) == nil)
        #expect(fixture.state.jobs[JobID(1)]?.escrow.microUnits == referenceMicroUnits)
    }

    @Test("the reference cost counts GPU-hours, not GPUs: more GPUs for the same GPU-hours cost the same")
    func referenceCostIsPerGPUHour() throws {
        var fixture = try MarketFixture()
        let jobSpec = MarketFixture.jobSpec(tier: .consumer, gpus: 8, gpuHours: 10)
        #expect(fixture.failure(fixture.clients[0], .postJob(spec: jobSpec, budget: Amount(microUnits: 2_500_000))) == nil)
    }

    @Test("a budget the balance cannot cover fails with 509 insufficient-balance")
    func unaffordableBudget() throws {
        var fixture = try MarketFixture()
        // 1,000 tokens minus the fee is one fee short of a 1,000-token budget.
        #expect(fixture.failure(fixture.outsider, .postJob(spec: MarketFixture.jobSpec(), budget: .tokens(1_000))) == .insufficientBalance)
        #expect(fixture.state.jobs.isEmpty)
        #expect(fixture.state.globals.nextJobID == 1)
        #expect(fixture.balance(fixture.outsider).microUnits == 1_000_000_000 - txFee)
        expectMoneyConserved(fixture.state)
    }
}

@Suite("cancel-job")
struct CancelJobTests {
    @Test("the client gets the exact escrow back and the job is cancelled")
    func cancelRefunds() throws {
        var fixture = try MarketFixture()
        let client = fixture.clients[0]
        let job = fixture.postJob(budget: Amount(microUnits: 123_456_789))
        let events = fixture.succeed(client, .cancelJob(job))
        #expect(events == [.jobCancelled(job: job, refund: Amount(microUnits: 123_456_789))])
        #expect(fixture.balance(client).microUnits == clientFunds - 2 * txFee)
        let record = try #require(fixture.state.jobs[job])
        #expect(record.status == .cancelled)
        #expect(record.escrow == .zero)
        #expect(record.refunded.microUnits == 123_456_789)
        #expect(record.unassignedGPUHours == 0)
        #expect(fixture.state.globals.escrowTotal == .zero)
        #expect(fixture.state.marketStats().jobsByStatus[.cancelled] == 1)
        #expect(fixture.state.marketStats().jobsByStatus[.pending] == 0)
        expectMoneyConserved(fixture.state)
    }

    @Test("anyone but the client fails with 508 unauthorized")
    func cancelByOthers() throws {
        var fixture = try MarketFixture()
        let job = fixture.postJob()
        fixture.registerProvider(0)
        for sender in [fixture.clients[1], fixture.outsider, fixture.providers[0], fixture.validators[0]] {
            #expect(fixture.failure(sender, .cancelJob(job)) == .unauthorized)
        }
        #expect(fixture.state.jobs[job]?.status == .pending)
        #expect(fixture.state.jobs[job]?.escrow.microUnits == 100_000_000)
    }

    @Test("a matched job fails with 507 job-active")
    func cancelMatchedJob() throws {
        var fixture = try MarketFixture()
        fixture.registerProvider(0)
        let job = fixture.postJob()
        fixture.succeed(fixture.outsider, .matchJob(job))
        #expect(fixture.failure(fixture.clients[0], .cancelJob(job)) == .jobActive)
        #expect(fixture.state.jobs[job]?.status == .active)
        #expect(fixture.state.jobs[job]?.escrow.microUnits == 100_000_000)
    }

    @Test("a partly accepted job, still pending, fails with 507 job-active")
    func cancelPartlyAcceptedJob() throws {
        var fixture = try MarketFixture()
        fixture.registerProvider(0)
        let job = fixture.postJob()
        fixture.succeed(fixture.providers[0], .acceptJob(job, gpuHours: 4))
        #expect(fixture.state.jobs[job]?.status == .pending)
        #expect(fixture.failure(fixture.clients[0], .cancelJob(job)) == .jobActive)
    }

    @Test("a cancelled or completed job fails with 507 job-active")
    func cancelFinishedJob() throws {
        var fixture = try MarketFixture()
        let cancelled = fixture.postJob()
        fixture.succeed(fixture.clients[0], .cancelJob(cancelled))
        #expect(fixture.failure(fixture.clients[0], .cancelJob(cancelled)) == .jobActive)
        fixture.registerProvider(0)
        let completed = fixture.postJob()
        fixture.succeed(fixture.outsider, .matchJob(completed))
        fixture.complete(completed)
        #expect(fixture.state.jobs[completed]?.status == .completed)
        #expect(fixture.failure(fixture.clients[0], .cancelJob(completed)) == .jobActive)
    }

    @Test("an unknown job id fails with 502 job-not-found")
    func cancelUnknownJob() throws {
        var fixture = try MarketFixture()
        #expect(fixture.failure(fixture.clients[0], .cancelJob(JobID(99))) == .jobNotFound)
        #expect(fixture.failure(fixture.clients[0], .cancelJob(JobID(0))) == .jobNotFound)
        #expect(fixture.failure(fixture.outsider, .matchJob(JobID(7))) == .jobNotFound)
        #expect(fixture.failure(fixture.outsider, .claimReward(JobID(7))) == .jobNotFound)
        #expect(fixture.failure(fixture.outsider, .acceptJob(JobID(7), gpuHours: 1)) == .jobNotFound)
    }
}
