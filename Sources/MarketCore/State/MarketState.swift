/// The market's whole state and the deterministic rules that change it.
///
/// Drive it block by block: `beginBlock`, then `apply` for each transaction, then `commit`.
/// It performs no I/O and reads no clock or randomness: height and the previous block hash come in
/// as inputs. Every write goes through a journal so a failing transaction is rolled back exactly,
/// and through a dirty set so the commitment rehashes only what a block changed.
public struct MarketState: Sendable {
    // Committed entries.
    public internal(set) var accounts: [Address: Account] = [:]
    public internal(set) var providers: [Address: Provider] = [:]
    public internal(set) var validators: [Address: Validator] = [:]
    public internal(set) var jobs: [JobID: Job] = [:]
    public internal(set) var globals: Globals
    public internal(set) var parameters: MarketParameters

    /// Height of the block being applied (or last committed).
    public internal(set) var height: BlockHeight = 0
    /// Hash of the block before `height`; seeds committee draws.
    public internal(set) var previousBlockHash: Hash256 = .zero

    // Derived indexes, rebuilt from the committed entries on restore.
    var matchIndex = MatchIndex()
    var providerSearchIndex = ProviderSearchIndex()
    var jobIndex = JobIndex()
    var activeValidators = SortedSet<Address>()
    var busyProviders = SortedSet<Address>()
    var schedule = Schedule()

    // Bookkeeping.
    var journal: [UndoEntry] = []
    var journaling = false
    var dirty: Set<StateKey> = []
    var tree = SparseMerkleTree()

    /// A fresh chain at height 0 from its genesis. Throws when the genesis is inconsistent.
    public init(genesis: GenesisState) throws(MarketError) {
        try genesis.parameters.validate()
        parameters = genesis.parameters
        globals = Globals(governance: genesis.governance)
        dirty.insert(.globals)
        dirty.insert(.parameters)
        for allocation in genesis.allocations {
            var account = accounts[allocation.address] ?? Account()
            account.balance = try account.balance.adding(allocation.amount)
            setAccount(allocation.address, account)
            globals.supply = try globals.supply.adding(allocation.amount)
        }
        for initial in genesis.validators {
            guard validators[initial.address] == nil else { throw .validatorExists }
            guard initial.stake >= parameters.validatorMinimumStake else { throw .insufficientStake }
            globals.supply = try globals.supply.adding(initial.stake)
            globals.stakeTotal = try globals.stakeTotal.adding(initial.stake)
            setValidator(Validator(address: initial.address, stake: initial.stake, registeredAt: 0))
        }
        _ = commit()
    }

    // MARK: Journaled writes

    enum UndoEntry: Sendable {
        case account(Address, Account?)
        case provider(Address, Provider?)
        case validator(Address, Validator?)
        case job(JobID, Job?)
        case globals(Globals)
        case parameters(MarketParameters)
    }

    mutating func setAccount(_ address: Address, _ account: Account) {
        if journaling { journal.append(.account(address, accounts[address])) }
        accounts[address] = account
        dirty.insert(.account(address))
    }

    mutating func setGlobals(_ newValue: Globals) {
        if journaling { journal.append(.globals(globals)) }
        globals = newValue
        dirty.insert(.globals)
    }

    mutating func setParameters(_ newValue: MarketParameters) {
        if journaling { journal.append(.parameters(parameters)) }
        parameters = newValue
        dirty.insert(.parameters)
    }

    /// Writes a provider (nil removes it), keeping the GPU counters and indexes in step.
    mutating func setProvider(_ address: Address, _ provider: Provider?) {
        let old = providers[address]
        var counters = globals
        counters.totalGPUs -= UInt64(old?.gpuCount ?? 0)
        counters.busyGPUs -= UInt64(old?.busyGPUs ?? 0)
        counters.totalGPUs += UInt64(provider?.gpuCount ?? 0)
        counters.busyGPUs += UInt64(provider?.busyGPUs ?? 0)
        if counters != globals { setGlobals(counters) }
        if journaling { journal.append(.provider(address, old)) }
        storeProvider(address, provider)
    }

    private mutating func storeProvider(_ address: Address, _ provider: Provider?) {
        providers[address] = provider
        dirty.insert(.provider(address))
        reindexProvider(address)
    }

    mutating func setValidator(_ validator: Validator) {
        if journaling { journal.append(.validator(validator.address, validators[validator.address])) }
        storeValidator(validator.address, validator)
    }

    mutating func removeValidator(_ address: Address) {
        if journaling { journal.append(.validator(address, validators[address])) }
        storeValidator(address, nil)
    }

    private mutating func storeValidator(_ address: Address, _ validator: Validator?) {
        validators[address] = validator
        dirty.insert(.validator(address))
        if let validator, validator.status == .active, validator.stake >= parameters.validatorMinimumStake {
            activeValidators.insert(address)
        } else {
            activeValidators.remove(address)
        }
    }

    /// Writes a job, keeping the per-status counters in step.
    mutating func setJob(_ job: Job) {
        let old = jobs[job.id]
        if old?.status != job.status {
            var counters = globals
            if let old { counters.jobsByStatus[Int(old.status.rawValue)] -= 1 }
            counters.jobsByStatus[Int(job.status.rawValue)] += 1
            setGlobals(counters)
        }
        if journaling { journal.append(.job(job.id, old)) }
        storeJob(job.id, job)
    }

    private mutating func storeJob(_ id: JobID, _ job: Job?) {
        jobIndex.update(from: jobs[id], to: job)
        jobs[id] = job
        dirty.insert(.job(id))
    }

    /// Re-derives a provider's index memberships from its record and the current height.
    mutating func reindexProvider(_ address: Address) {
        guard let provider = providers[address] else {
            matchIndex.unlist(address)
            providerSearchIndex.remove(address)
            busyProviders.remove(address)
            return
        }
        let live = provider.isLive(at: height, livenessBlocks: parameters.livenessWindowBlocks)
        providerSearchIndex.place(provider, online: live)
        if provider.status == .active, live {
            matchIndex.list(provider)
        } else {
            matchIndex.unlist(address)
        }
        if provider.activeAssignments > 0 {
            busyProviders.insert(address)
        } else {
            busyProviders.remove(address)
        }
    }

    /// Runs `body` atomically: if it throws, every write it made is undone.
    mutating func atomically<T>(_ body: (inout MarketState) throws(MarketError) -> T) throws(MarketError) -> T {
        precondition(!journaling, "nested atomic sections")
        journaling = true
        journal.removeAll(keepingCapacity: true)
        defer {
            journaling = false
            journal.removeAll(keepingCapacity: true)
        }
        do {
            return try body(&self)
        } catch {
            rollBack()
            throw error
        }
    }

    private mutating func rollBack() {
        while let entry = journal.popLast() {
            switch entry {
            case .account(let address, let account): accounts[address] = account
            case .provider(let address, let provider): storeProvider(address, provider)
            case .validator(let address, let validator): storeValidator(address, validator)
            case .job(let id, let job):
                jobIndex.update(from: jobs[id], to: job)
                jobs[id] = job
            case .globals(let value): globals = value
            case .parameters(let value):
                parameters = value
                rebuildValidatorIndex()
            }
        }
    }

    mutating func rebuildValidatorIndex() {
        var index = SortedSet<Address>()
        for (address, validator) in validators
        where validator.status == .active && validator.stake >= parameters.validatorMinimumStake {
            index.insert(address)
        }
        activeValidators = index
    }
}
