/// One committed entry as stored: its key and canonical bytes (nil when deleted).
public struct StateChange: Hashable, Sendable {
    public var key: StateKey
    public var value: [UInt8]?

    public init(key: StateKey, value: [UInt8]?) {
        self.key = key
        self.value = value
    }
}

/// What `commit` hands the ledger: the new state root and exactly the entries that changed.
public struct StateCommit: Sendable {
    public var root: Hash256
    /// Sorted by tree position, so the list is the same on every machine.
    public var changes: [StateChange]
}

extension MarketState {
    /// Canonical bytes of one entry, or nil when absent.
    public func entryBytes(for key: StateKey) -> [UInt8]? {
        switch key {
        case .globals: globals.canonicalBytes
        case .parameters: parameters.canonicalBytes
        case .account(let address): accounts[address]?.canonicalBytes
        case .provider(let address): providers[address]?.canonicalBytes
        case .validator(let address): validators[address]?.canonicalBytes
        case .job(let id): jobs[id]?.canonicalBytes
        }
    }

    /// Folds every entry changed since the last commit into the commitment tree and returns the
    /// root with the changes. Cost is proportional to the number of changed entries.
    public mutating func commit() -> StateCommit {
        var keyed: [(treeKey: Hash256, change: StateChange)] = []
        keyed.reserveCapacity(dirty.count)
        for key in dirty {
            let value = entryBytes(for: key)
            let treeKey = key.treeKey
            tree.set(treeKey, to: value.map { Hash256.tagged("depin/state-value", $0) })
            keyed.append((treeKey, StateChange(key: key, value: value)))
        }
        // Not keepingCapacity: clearing and iterating a Set costs its capacity, and one large block
        // would otherwise make every later commit pay for it.
        dirty.removeAll()
        keyed.sort { $0.treeKey < $1.treeKey }
        return StateCommit(root: tree.root(), changes: keyed.map(\.change))
    }

    /// The root of the last commit (entries changed since are not included).
    public mutating func stateRoot() -> Hash256 { tree.root() }

    /// Every committed entry, for snapshots. Sorted by key bytes.
    public func snapshotEntries() -> [StateChange] {
        var keys: [StateKey] = [.globals, .parameters]
        keys += accounts.keys.map { StateKey.account($0) }
        keys += providers.keys.map { StateKey.provider($0) }
        keys += validators.keys.map { StateKey.validator($0) }
        keys += jobs.keys.map { StateKey.job($0) }
        return keys.map { ($0.canonicalBytes, $0) }
            .sorted { $0.0.lexicographicallyPrecedes($1.0) }
            .map { StateChange(key: $0.1, value: entryBytes(for: $0.1)) }
    }

    /// Rebuilds a state at `height` from snapshot entries: decodes every entry, then derives the
    /// indexes, the schedule and the commitment tree.
    public init(
        restoring entries: [StateChange], height: BlockHeight, previousBlockHash: Hash256
    ) throws(CanonicalDecodingError) {
        var globals: Globals?
        var parameters: MarketParameters?
        var accounts: [Address: Account] = [:]
        var providers: [Address: Provider] = [:]
        var validators: [Address: Validator] = [:]
        var jobs: [JobID: Job] = [:]
        for entry in entries {
            guard let bytes = entry.value else { continue }
            switch entry.key {
            case .globals: globals = try Globals(canonicalBytes: bytes)
            case .parameters: parameters = try MarketParameters(canonicalBytes: bytes)
            case .account(let address): accounts[address] = try Account(canonicalBytes: bytes)
            case .provider(let address): providers[address] = try Provider(canonicalBytes: bytes)
            case .validator(let address): validators[address] = try Validator(canonicalBytes: bytes)
            case .job(let id): jobs[id] = try Job(canonicalBytes: bytes)
            }
        }
        guard let globals, let parameters else { throw .invalidValue("snapshot lacks globals or parameters") }
        self.globals = globals
        self.parameters = parameters
        self.accounts = accounts
        self.providers = providers
        self.validators = validators
        self.jobs = jobs
        self.height = height
        self.previousBlockHash = previousBlockHash
        rebuildDerivedState()
        dirty = Set(entries.map(\.key))
        _ = commit()
    }

    /// Recomputes indexes and the schedule from the committed records.
    mutating func rebuildDerivedState() {
        matchIndex = MatchIndex()
        providerSearchIndex = ProviderSearchIndex()
        jobIndex = JobIndex()
        busyProviders = SortedSet()
        schedule = Schedule()
        for address in providers.keys.sorted() {
            reindexProvider(address)
            if let provider = providers[address] {
                let expiry = provider.lastHeartbeat + parameters.livenessWindowBlocks + 1
                if expiry > height { schedule.add(.livenessExpiry(address), at: expiry) }
            }
        }
        rebuildValidatorIndex()
        let next = height + 1
        for job in jobs.values { jobIndex.update(from: nil, to: job) }
        for (id, job) in jobs where !job.status.isFinal {
            if job.status == .pending { schedule.add(.jobExpiry(id), at: max(job.expiresAt, next)) }
            for assignment in job.assignments {
                switch assignment.status {
                case .assigned:
                    schedule.add(.proofDeadline(id, assignment.index), at: max(assignment.proofDeadline, next))
                case .awaitingCommittee:
                    schedule.add(.committeeDraw(id, assignment.index), at: next)
                    schedule.add(.validationDeadline(id, assignment.index), at: max(assignment.votingDeadline, next))
                case .voting:
                    schedule.add(.validationDeadline(id, assignment.index), at: max(assignment.votingDeadline, next))
                default:
                    break
                }
            }
        }
    }
}
