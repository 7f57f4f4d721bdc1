import MarketCore
import MarketSimulation

/// A small market with named, funded actors for readable rule tests: `MarketFixture()` gives a
/// chain at height 1 with seven genesis validators, three clients and six unregistered providers.
public struct MarketFixture: Sendable {
    public var chain: SimulatedChain
    public let governance = Address.derived(from: "fixture/governance")
    public let clients = (0..<3).map { Address.derived(from: "fixture/client/\($0)") }
    public let providers = (0..<6).map { Address.derived(from: "fixture/provider/\($0)") }
    public let validators = (0..<7).map { Address.derived(from: "fixture/validator/\($0)") }
    public let outsider = Address.derived(from: "fixture/outsider")

    public static let clientFunds = Amount.tokens(100_000)
    public static let providerFunds = Amount.tokens(10_000)
    public static let validatorStake = Amount.tokens(200)

    public init(parameters: MarketParameters = MarketParameters(), genesisValidators: Int = 7) throws(MarketError) {
        var allocations = clients.map { GenesisState.Allocation(address: $0, amount: MarketFixture.clientFunds) }
        allocations += providers.map { GenesisState.Allocation(address: $0, amount: MarketFixture.providerFunds) }
        allocations += validators.map { GenesisState.Allocation(address: $0, amount: .tokens(1_000)) }
        allocations.append(GenesisState.Allocation(address: outsider, amount: .tokens(1_000)))
        let initial = validators.prefix(genesisValidators).map {
            GenesisState.InitialValidator(address: $0, stake: MarketFixture.validatorStake)
        }
        chain = try SimulatedChain(genesis: GenesisState(
            parameters: parameters, governance: governance, allocations: allocations, validators: Array(initial)))
        chain.advance(blocks: 1)
    }

    public var state: MarketState { chain.state }
    public var parameters: MarketParameters { chain.state.parameters }

    public func balance(_ address: Address) -> Amount { state.accounts[address]?.balance ?? .zero }

    /// Runs one transaction in its own block; returns its outcome (nil when not includable).
    @discardableResult
    public mutating func run(_ sender: Address, _ body: TransactionBody) -> TransactionOutcome? {
        chain.run(sender, body)
    }

    /// Runs a transaction that must fail and returns its error code (nil if it succeeded).
    public mutating func failure(_ sender: Address, _ body: TransactionBody) -> MarketError? {
        run(sender, body)?.error
    }

    public static func spec(
        tier: GPUTier = .datacenter, gpus: UInt32 = 8, memory: UInt32 = 80, rate: Amount = Amount(microUnits: 900_000)
    ) -> ProviderSpec {
        ProviderSpec(tier: tier, gpuCount: gpus, memoryPerGPUGB: memory, ratePerGPUHour: rate)
    }

    public static func jobSpec(
        tier: GPUTier = .consumer, gpus: UInt32 = 1, memory: UInt32 = 8, gpuHours: UInt64 = 10,
        maxRate: Amount = .tokens(2), segments: UInt32 = 8
    ) -> JobSpec {
        JobSpec(
            workloadHash: Hash256.tagged("fixture/workload", []), modelHash: Hash256.tagged("fixture/model", []),
            datasetHash: Hash256.tagged("fixture/dataset", []), datasetSizeBytes: 1_000_000, gpuCount: gpus,
            tier: tier, memoryPerGPUGB: memory, gpuHours: gpuHours, maxRatePerGPUHour: maxRate, segmentCount: segments)
    }

    /// Registers provider `index` with `spec`; precondition: it succeeds.
    public mutating func registerProvider(_ index: Int, _ spec: ProviderSpec = MarketFixture.spec()) {
        let outcome = run(providers[index], .registerProvider(spec))
        precondition(outcome?.error == nil, "fixture provider registration failed: \(String(describing: outcome))")
    }

    /// Posts a job from client `index` and returns its id; precondition: it succeeds.
    public mutating func postJob(client index: Int = 0, _ spec: JobSpec = MarketFixture.jobSpec(), budget: Amount = .tokens(100)) -> JobID {
        let outcome = run(clients[index], .postJob(spec: spec, budget: budget))
        for event in outcome?.events ?? [] {
            if case .jobPosted(let job, _, _, _, _) = event { return job }
        }
        preconditionFailure("fixture job post failed: \(String(describing: outcome))")
    }

    /// Heartbeats every registered active provider in one block.
    public mutating func heartbeatAll() {
        let live = providers.filter { state.providers[$0]?.status == .active }
        chain.produceBlock(live.map { ($0, TransactionBody.providerHeartbeat) })
    }

    public func assignment(_ job: JobID, _ index: UInt32 = 0) -> Assignment? {
        guard let job = state.jobs[job], Int(index) < job.assignments.count else { return nil }
        return job.assignments[Int(index)]
    }

    /// Submits a well-formed proof for an assignment from its provider.
    @discardableResult
    public mutating func submitProof(_ job: JobID, _ index: UInt32 = 0) -> TransactionOutcome? {
        guard let assignment = assignment(job, index), let spec = state.jobs[job]?.spec else { return nil }
        return run(assignment.provider, .submitProof(
            job, assignment: index, checkpointRoot: Hash256.tagged("fixture/root", job.canonicalBytes),
            resultHash: Hash256.tagged("fixture/result", job.canonicalBytes), segmentCount: spec.segmentCount))
    }

    /// Evidence covering exactly the segments `validator` must cover now (own sample, or the
    /// disputed segments in a dispute).
    public func evidence(for validator: Address, in assignment: Assignment) -> [SegmentEvidence] {
        (assignment.requiredSegments(for: validator) ?? []).map {
            SegmentEvidence(segment: $0, startHash: Hash256.tagged("c", [UInt8(truncatingIfNeeded: $0)]),
                            endHash: Hash256.tagged("c", [UInt8(truncatingIfNeeded: $0 + 1)]))
        }
    }

    /// The vote transaction of committee member `position`.
    public func vote(_ job: JobID, _ index: UInt32 = 0, member position: Int, approve: Bool) -> (Address, TransactionBody)? {
        guard let assignment = assignment(job, index), position < assignment.committee.count else { return nil }
        let validator = assignment.committee[position].validator
        return (validator, .verifyProof(job, assignment: index, approve: approve,
                                        evidence: evidence(for: validator, in: assignment)))
    }

    /// Casts the given votes (true = approve) from the first committee members, one block each.
    @discardableResult
    public mutating func castVotes(_ job: JobID, _ approvals: [Bool], assignment index: UInt32 = 0) -> [TransactionOutcome?] {
        approvals.enumerated().map { position, approve in
            guard let (sender, body) = vote(job, index, member: position, approve: approve) else { return nil }
            return run(sender, body)
        }
    }

    /// Registers provider 0, posts a job, matches it and submits the proof; returns the job once its
    /// committee is drawn.
    public mutating func jobAwaitingVotes(
        provider spec: ProviderSpec = MarketFixture.spec(), job jobSpec: JobSpec = MarketFixture.jobSpec(),
        budget: Amount = .tokens(100)
    ) -> JobID {
        registerProvider(0, spec)
        let job = postJob(jobSpec, budget: budget)
        let matched = run(clients[1], .matchJob(job))
        precondition(matched?.error == nil, "fixture match failed: \(String(describing: matched))")
        let proved = submitProof(job)
        precondition(proved?.error == nil, "fixture proof failed: \(String(describing: proved))")
        chain.advance(blocks: 1)
        return job
    }
}
