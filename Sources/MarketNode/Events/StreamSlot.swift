/// Holds one event-stream slot; gives it back when the response (and its body) is gone, however
/// the stream ended.
final class StreamSlot: Sendable {
    private let counter: ConnectionCounter
    private let held = LockedBox(true)

    init(counter: ConnectionCounter) {
        self.counter = counter
    }

    func release() {
        let wasHeld = held.withLock { held in
            defer { held = false }
            return held
        }
        if wasHeld { counter.release() }
    }

    deinit {
        release()
    }
}
