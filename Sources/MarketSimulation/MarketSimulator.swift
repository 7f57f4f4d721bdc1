import MarketCore

/// A seeded random market: honest and adversarial clients, providers and validators sending a mix
/// of valid and invalid transactions. The same seed gives the same transactions, blocks and
/// commitments on every run and machine.
public struct MarketSimulator: Sendable {
    public enum ProviderBehavior: Sendable, CaseIterable {
        case honest, faker, slacker, flaky
    }

    public enum ValidatorBehavior: Sendable {
        case honest, lazy
    }

    public private(set) var chain: SimulatedChain
    public private(set) var random: SplitMix64
    public let governance = Address.derived(from: "sim/governance")
    public let clients: [Address]
    public let providers: [(address: Address, behavior: ProviderBehavior)]
    public let validators: [(address: Address, behavior: ValidatorBehavior)]
    public let strangers: [Address]
    /// The actions of the last generated block, for replaying them elsewhere.
    public private(set) var lastActions: [(Address, TransactionBody)] = []
    /// Nonce-invalid transactions that `apply` refused without changing anything.
    public private(set) var refusedCount = 0
    /// Nonce-invalid transactions that changed state (must stay zero).
    public private(set) var refusalViolations = 0

    /// Parameters with short deadlines so a 100-block run exercises every path.
    public static func parameters() -> MarketParameters {
        var parameters = MarketParameters()
        parameters.heartbeatWindowBlocks = 3
        parameters.livenessWindowBlocks = 6
        parameters.proofDeadlineBlocks = 12
        parameters.validationDeadlineBlocks = 5
        parameters.pendingJobTimeoutBlocks = 30
        parameters.unbondingBlocks = 10
        parameters.jailBlocks = 15
        parameters.maxCommitteeRedraws = 2
        return parameters
    }

    public init(seed: UInt64, parameters: MarketParameters = MarketSimulator.parameters()) throws(MarketError) {
        random = SplitMix64(seed: seed)
        clients = (0..<4).map { Address.derived(from: "sim/client/\($0)") }
        let behaviors: [ProviderBehavior] = [.honest, .honest, .honest, .faker, .slacker, .flaky, .honest, .faker]
        providers = behaviors.enumerated().map { (Address.derived(from: "sim/provider/\($0.offset)"), $0.element) }
        validators = (0..<8).map { (Address.derived(from: "sim/validator/\($0)"), $0 == 7 ? .lazy : .honest) }
        strangers = (0..<2).map { Address.derived(from: "sim/stranger/\($0)") }
        var allocations = clients.map { GenesisState.Allocation(address: $0, amount: .tokens(1_000_000)) }
        allocations += providers.map { GenesisState.Allocation(address: $0.address, amount: .tokens(20_000)) }
        allocations += validators.map { GenesisState.Allocation(address: $0.address, amount: .tokens(1_000)) }
        allocations += strangers.map { GenesisState.Allocation(address: $0, amount: .tokens(50)) }
        let initial = validators.prefix(6).map { GenesisState.InitialValidator(address: $0.address, stake: .tokens(200)) }
        chain = try SimulatedChain(genesis: GenesisState(
            parameters: parameters, governance: governance, allocations: allocations, validators: Array(initial)))
    }

    public var state: MarketState { chain.state }

    /// Generates and applies one block of random actions.
    @discardableResult
    public mutating func step() -> SimulatedChain.Block {
        var actions: [(Address, TransactionBody)] = []
        providerActions(&actions)
        clientActions(&actions)
        validatorActions(&actions)
        adversarialActions(&actions)
        refuseBadNonce()
        lastActions = actions
        return chain.produceBlock(actions)
    }

    private mutating func providerActions(_ actions: inout [(Address, TransactionBody)]) {
        let state = chain.state
        for (address, behavior) in providers {
            guard let provider = state.providers[address] else {
                if random.moduloChance(30) {
                    let tier = UInt8(random.moduloInt(in: 1...3))
                    let spec = ProviderSpec(
                        tier: tier, gpuCount: UInt32(random.moduloInt(in: 1...8)),
                        memoryPerGPUGB: UInt32([8, 16, 24, 48, 80][random.moduloInt(in: 0...4)]),
                        ratePerGPUHour: Amount(microUnits: UInt64(random.moduloInt(in: 1...12)) * 125_000 * UInt64(tier)),
                        attested: random.moduloChance(50))
                    actions.append((address, .registerProvider(spec)))
                }
                continue
            }
            if case .unbonding = provider.status {
                if random.moduloChance(30) { actions.append((address, .withdrawStake)) }
                continue
            }
            let heartbeatChance: UInt64 = behavior == .flaky ? 45 : 95
            if random.moduloChance(heartbeatChance) { actions.append((address, .providerHeartbeat)) }
            if provider.activeAssignments == 0, random.moduloChance(2) { actions.append((address, .unregisterProvider)) }
            if random.moduloChance(3) {
                let spec = ProviderSpec(
                    tier: provider.tier.rawValue, gpuCount: UInt32(random.moduloInt(in: 1...8)),
                    memoryPerGPUGB: provider.memoryPerGPUGB, ratePerGPUHour: provider.ratePerGPUHour, attested: provider.attested)
                actions.append((address, .updateProvider(spec)))
            }
            for job in state.jobs.values.sorted(by: { $0.id < $1.id }) {
                for assignment in job.assignments where assignment.provider == address {
                    switch assignment.status {
                    case .assigned where behavior != .slacker && random.moduloChance(40):
                        actions.append((address, .submitProof(
                            job.id, assignment: assignment.index,
                            checkpointRoot: Self.checkpointRoot(job: job.id, assignment: assignment.index, faked: behavior == .faker),
                            resultHash: Self.resultHash(job: job.id, assignment: assignment.index),
                            segmentCount: random.moduloChance(95) ? job.spec.segmentCount : job.spec.segmentCount + 1)))
                    case .verified where !assignment.claimed && random.moduloChance(50):
                        actions.append((address, .claimReward(job.id)))
                    case .verified where assignment.claimed && random.moduloChance(5):
                        actions.append((address, .claimReward(job.id)))
                    default:
                        break
                    }
                }
                if job.status == .pending, random.moduloChance(8) {
                    actions.append((address, .acceptJob(job.id, gpuHours: UInt64(random.moduloInt(in: 1...Int(max(1, job.unassignedGPUHours)))))))
                }
            }
        }
    }

    private mutating func clientActions(_ actions: inout [(Address, TransactionBody)]) {
        let state = chain.state
        for client in clients {
            if random.moduloChance(25) {
                guard let tier = GPUTier(rawValue: UInt8(random.moduloInt(in: 1...3))) else { continue }
                let gpuHours = UInt64(random.moduloInt(in: 1...40))
                let reference = state.parameters.referenceRate(for: tier).microUnits * gpuHours
                let budget = Amount(microUnits: reference * UInt64(random.moduloInt(in: 8...30)) / 10)
                let spec = JobSpec(
                    workloadHash: Hash256.tagged("sim/workload", [UInt8(random.moduloInt(in: 0...255))]),
                    modelHash: Hash256.tagged("sim/model", []), datasetHash: Hash256.tagged("sim/data", []),
                    datasetSizeBytes: UInt64(random.moduloInt(in: 1_000...1_000_000)),
                    gpuCount: UInt32(random.moduloInt(in: 1...4)), tier: tier,
                    memoryPerGPUGB: UInt32([8, 16, 24][random.moduloInt(in: 0...2)]), gpuHours: gpuHours,
                    maxRatePerGPUHour: Amount(microUnits: UInt64(random.moduloInt(in: 2...16)) * 125_000),
                    segmentCount: UInt32(random.moduloInt(in: 2...16)))
                actions.append((client, .postJob(spec: spec, budget: budget)))
            }
            let mine = state.jobs.values.filter { $0.client == client && $0.status == .pending }.sorted { $0.id < $1.id }
            if let job = mine.first, random.moduloChance(5) { actions.append((client, .cancelJob(job.id))) }
        }
        let pending = state.jobs.values.filter { $0.status == .pending }.sorted { $0.id < $1.id }
        for job in pending where random.moduloChance(40) {
            if let caller = random.moduloPick(clients + strangers) { actions.append((caller, .matchJob(job.id))) }
        }
    }

    private mutating func validatorActions(_ actions: inout [(Address, TransactionBody)]) {
        let state = chain.state
        let behaviorOf = Dictionary(uniqueKeysWithValues: validators.map { ($0.address, $0.behavior) })
        let fakers = Set(providers.filter { $0.behavior == .faker }.map(\.address))
        for job in state.jobs.values.sorted(by: { $0.id < $1.id }) {
            for assignment in job.assignments where assignment.status == .voting {
                for member in assignment.committee where random.moduloChance(60) {
                    guard !assignment.votes.contains(where: { $0.validator == member.validator }) else { continue }
                    let approve = behaviorOf[member.validator] == .lazy ? true : !fakers.contains(assignment.provider)
                    let evidence = (assignment.requiredSegments(for: member.validator) ?? []).map {
                        SegmentEvidence(segment: $0, startHash: Hash256.tagged("sim/c", [UInt8(truncatingIfNeeded: $0)]),
                                        endHash: Hash256.tagged("sim/c", [UInt8(truncatingIfNeeded: $0 + 1)]))
                    }
                    actions.append((member.validator, .verifyProof(job.id, assignment: assignment.index, approve: approve, evidence: evidence)))
                }
            }
        }
        for (address, _) in validators {
            if state.validators[address] == nil, random.moduloChance(10) {
                actions.append((address, .registerValidator(stake: .tokens(UInt64(random.moduloInt(in: 50...300))))))
            } else if let validator = state.validators[address] {
                if validator.status == .active, random.moduloChance(1) { actions.append((address, .unregisterValidator)) }
                if case .unbonding = validator.status, random.moduloChance(30) { actions.append((address, .withdrawStake)) }
            }
        }
    }

    /// Invalid or hostile transactions: each must fail with a code and change nothing but nonce and fee.
    private mutating func adversarialActions(_ actions: inout [(Address, TransactionBody)]) {
        let state = chain.state
        let everyone = clients + providers.map(\.address) + validators.map(\.address) + strangers
        guard random.moduloChance(60), let sender = random.moduloPick(everyone) else { return }
        let jobs = state.jobs.values.sorted { $0.id < $1.id }
        // Half the time aim at a job under vote, where committee checks matter most.
        let voting = jobs.filter { $0.assignments.contains { $0.status == .voting } }
        let someJob = (random.moduloChance(50) ? random.moduloPick(voting) : nil)?.id ?? random.moduloPick(jobs)?.id ?? JobID(UInt64(random.moduloInt(in: 1...5)))
        let evidence = [SegmentEvidence(segment: 0, startHash: .zero, endHash: .zero)]
        let choices: [TransactionBody] = [
            .transfer(to: random.moduloPick(everyone) ?? sender, amount: .tokens(UInt64(random.moduloInt(in: 1...3_000_000)))),
            .transfer(to: sender, amount: .zero),
            .cancelJob(someJob),
            .matchJob(JobID(UInt64(random.moduloInt(in: 1...1_000)))),
            .verifyProof(someJob, assignment: UInt32(random.moduloInt(in: 0...2)), approve: random.moduloChance(50), evidence: evidence),
            .claimReward(someJob),
            .submitProof(someJob, assignment: 0, checkpointRoot: .zero, resultHash: .zero, segmentCount: 0),
            .registerProvider(ProviderSpec(tier: UInt8(random.moduloInt(in: 0...5)), gpuCount: UInt32(random.moduloInt(in: 0...2)),
                                           memoryPerGPUGB: UInt32(random.moduloInt(in: 0...12)), ratePerGPUHour: Amount(microUnits: UInt64(random.moduloInt(in: 0...1))))),
            .acceptJob(someJob, gpuHours: UInt64(random.moduloInt(in: 0...100))),
            .withdrawStake,
            .unregisterProvider,
            .registerValidator(stake: .tokens(1)),
            .updateParameters(MarketParameters()),
            .mint(to: sender, amount: .tokens(1)),
            .postJob(spec: JobSpec(workloadHash: .zero, modelHash: .zero, datasetHash: .zero, datasetSizeBytes: 0,
                                   gpuCount: UInt32(random.moduloInt(in: 0...1_000)), tier: .datacenter, memoryPerGPUGB: 8,
                                   gpuHours: UInt64(random.moduloInt(in: 0...20)), maxRatePerGPUHour: .tokens(1), segmentCount: 4),
                     budget: Amount(microUnits: UInt64(random.moduloInt(in: 0...100)))),
        ]
        if let body = random.moduloPick(choices) { actions.append((sender, body)) }
    }

    /// Sends a transaction with a wrong nonce directly and checks it is refused without effect.
    private mutating func refuseBadNonce() {
        guard random.moduloChance(10), let sender = random.moduloPick(clients) else { return }
        let before = chain.state.entryBytes(for: .account(sender))
        var tx = chain.transaction(sender, .transfer(to: strangers[0], amount: .tokens(1)))
        tx.nonce += UInt64(random.moduloInt(in: 1...3))
        var probe = chain
        do {
            _ = try probe.applyRaw(tx)
            refusalViolations += 1
        } catch {
            refusedCount += 1
            if probe.state.entryBytes(for: .account(sender)) != before { refusalViolations += 1 }
        }
    }

    /// The honest checkpoint root an honest provider commits to; fakers commit to a different one.
    public static func checkpointRoot(job: JobID, assignment: UInt32, faked: Bool) -> Hash256 {
        var writer = CanonicalWriter()
        writer.write(job)
        writer.write(assignment)
        writer.write(faked)
        return Hash256.tagged("sim/checkpoint-root", writer.bytes)
    }

    public static func resultHash(job: JobID, assignment: UInt32) -> Hash256 {
        var writer = CanonicalWriter()
        writer.write(job)
        writer.write(assignment)
        return Hash256.tagged("sim/result", writer.bytes)
    }
}
