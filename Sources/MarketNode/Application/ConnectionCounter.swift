/// Counts open long-lived connections against a limit.
final class ConnectionCounter: Sendable {
    private let count = LockedBox(0)
    let limit: Int

    init(limit: Int) {
        self.limit = limit
    }

    /// Takes a slot; false when all are taken.
    func acquire() -> Bool {
        count.withLock { value in
            guard value < limit else { return false }
            value += 1
            return true
        }
    }

    func release() {
        count.withLock { $0 -= 1 }
    }

    var current: Int { count.withLock { $0 } }
}
