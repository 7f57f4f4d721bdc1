/// Counts what each client address holds open (connections, event streams) against a limit per
/// client. Only clients holding something are remembered, so the table is bounded by what is open.
final class PerClientCounter: Sendable {
    private let counts = LockedBox([String: Int]())
    let limitPerClient: Int

    init(limitPerClient: Int) {
        precondition(limitPerClient > 0, "a per-client limit must be positive")
        self.limitPerClient = limitPerClient
    }

    /// Takes one of `client`'s slots; false when it holds all of them.
    func acquire(client: String) -> Bool {
        counts.withLock { counts in
            let held = counts[client, default: 0]
            guard held < limitPerClient else { return false }
            counts[client] = held + 1
            return true
        }
    }

    func release(client: String) {
        counts.withLock { counts in
            guard let held = counts[client] else {
                preconditionFailure("released a slot \(client) never acquired")
            }
            counts[client] = held > 1 ? held - 1 : nil
        }
    }

    /// What `client` holds now.
    func current(client: String) -> Int { counts.withLock { $0[client, default: 0] } }

    /// Clients holding anything now.
    var clients: Int { counts.withLock { $0.count } }
}
