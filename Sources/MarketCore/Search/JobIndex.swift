/// Job ids newest first: all of them, per status, per client and per provider with an assignment.
/// A listing with one filter (or none) is a set's count and a page read from its rank; with more,
/// a walk of the smallest set. Derived, never committed: `MarketState.setJob` and rollback keep it
/// in step, and it is rebuilt with the other indexes on restore.
struct JobIndex: Sendable {
    private(set) var all = SortedSet<NewestFirst>()
    private var byStatus: [SortedSet<NewestFirst>] = Array(repeating: SortedSet(), count: JobStatus.allCases.count)
    private var byClient: [Address: SortedSet<NewestFirst>] = [:]
    private var byProvider: [Address: SortedSet<NewestFirst>] = [:]

    /// Moves a job's memberships from its `old` record to its `new` one (nil: absent).
    mutating func update(from old: Job?, to new: Job?) {
        let id = (new ?? old).map { NewestFirst($0.id) }
        guard let id else { return }
        if old?.status != new?.status {
            if let old { byStatus[Int(old.status.rawValue)].remove(id) }
            if let new { byStatus[Int(new.status.rawValue)].insert(id) }
        }
        if old?.client != new?.client {
            if let old { Self.remove(id, from: &byClient, at: old.client) }
            if let new { Self.insert(id, into: &byClient, at: new.client) }
        }
        let oldProviders = Self.providers(of: old)
        let newProviders = Self.providers(of: new)
        if oldProviders != newProviders {
            for provider in oldProviders where !newProviders.contains(provider) { Self.remove(id, from: &byProvider, at: provider) }
            for provider in newProviders where !oldProviders.contains(provider) { Self.insert(id, into: &byProvider, at: provider) }
        }
        if new == nil { all.remove(id) } else { all.insert(id) }
    }

    /// The candidate sets of `search`'s filters; `all` when it has none.
    func sets(for search: JobSearch) -> [SortedSet<NewestFirst>] {
        var sets: [SortedSet<NewestFirst>] = []
        if let status = search.status { sets.append(byStatus[Int(status.rawValue)]) }
        if let client = search.client { sets.append(byClient[client] ?? SortedSet()) }
        if let provider = search.provider { sets.append(byProvider[provider] ?? SortedSet()) }
        return sets.isEmpty ? [all] : sets
    }

    private static func providers(of job: Job?) -> [Address] {
        guard let job else { return [] }
        var seen: [Address] = []
        for assignment in job.assignments where !seen.contains(assignment.provider) { seen.append(assignment.provider) }
        return seen
    }

    private static func insert(_ id: NewestFirst, into sets: inout [Address: SortedSet<NewestFirst>], at key: Address) {
        sets[key, default: SortedSet()].insert(id)
    }

    private static func remove(_ id: NewestFirst, from sets: inout [Address: SortedSet<NewestFirst>], at key: Address) {
        guard var set = sets.removeValue(forKey: key) else { return }
        set.remove(id)
        if !set.isEmpty { sets[key] = set }
    }
}
