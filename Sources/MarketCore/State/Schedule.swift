/// Work due at a block height. Items are hints: each is checked against the committed records
/// when it comes due, so stale or duplicate items are harmless and the schedule itself need not
/// be committed (it is rebuilt from the records on restore).
enum ScheduledItem: Hashable, Comparable, Sendable {
    case committeeDraw(JobID, UInt32)
    case validationDeadline(JobID, UInt32)
    case proofDeadline(JobID, UInt32)
    case jobExpiry(JobID)
    case livenessExpiry(Address)

    private var order: (UInt8, UInt64, UInt32, Address?) {
        switch self {
        case .committeeDraw(let job, let index): (0, job.rawValue, index, nil)
        case .validationDeadline(let job, let index): (1, job.rawValue, index, nil)
        case .proofDeadline(let job, let index): (2, job.rawValue, index, nil)
        case .jobExpiry(let job): (3, job.rawValue, 0, nil)
        case .livenessExpiry(let address): (4, 0, 0, address)
        }
    }

    static func < (lhs: ScheduledItem, rhs: ScheduledItem) -> Bool {
        let left = lhs.order
        let right = rhs.order
        if left.0 != right.0 { return left.0 < right.0 }
        if left.1 != right.1 { return left.1 < right.1 }
        if left.2 != right.2 { return left.2 < right.2 }
        switch (left.3, right.3) {
        case (let a?, let b?): return a < b
        default: return false
        }
    }
}

struct Schedule: Sendable {
    private var items: [BlockHeight: [ScheduledItem]] = [:]

    var pendingCount: Int { items.values.reduce(0) { $0 + $1.count } }

    mutating func add(_ item: ScheduledItem, at height: BlockHeight) {
        items[height, default: []].append(item)
    }

    /// Removes and returns the items due at `height`, sorted and without duplicates.
    mutating func takeDue(at height: BlockHeight) -> [ScheduledItem] {
        guard let due = items.removeValue(forKey: height) else { return [] }
        var unique: [ScheduledItem] = []
        for item in due.sorted() where unique.last != item { unique.append(item) }
        return unique
    }
}
