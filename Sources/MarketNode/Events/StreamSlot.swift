/// Holds one event-stream slot (and the client's own slot, when the client has an address); gives
/// them back when the response (and its body) is gone, however the stream ended.
final class StreamSlot: Sendable {
    private let counter: ConnectionCounter
    private let perClient: (counter: PerClientCounter, client: String)?
    private let held = LockedBox(true)

    init(counter: ConnectionCounter, perClient: (counter: PerClientCounter, client: String)? = nil) {
        self.counter = counter
        self.perClient = perClient
    }

    func release() {
        let wasHeld = held.withLock { held in
            defer { held = false }
            return held
        }
        guard wasHeld else { return }
        counter.release()
        if let perClient { perClient.counter.release(client: perClient.client) }
    }

    deinit {
        release()
    }
}
