import MarketAPI
import MarketCore

/// Where an event stream stands, so a reconnect resumes without gaps or duplicates: the height
/// to ask for again and how many of its events were already delivered. Relies on the node
/// sending a block's events in the same order every time.
struct EventCursor: Sendable, Hashable {
    /// The height a reconnect asks for (`fromHeight`, inclusive).
    private(set) var height: BlockHeight
    /// Events at `height` already delivered.
    private(set) var delivered = 0
    /// Events at `height` still to skip on the current connection.
    private var skipRemaining = 0

    init(fromHeight: BlockHeight) {
        height = fromHeight
    }

    /// A new connection replays `height` from its first event.
    mutating func reconnected() {
        skipRemaining = delivered
    }

    /// Whether `event` is new; advances the cursor when it is.
    mutating func admit(_ event: CommittedEventView) -> Bool {
        if event.height < height { return false }
        if event.height == height {
            if skipRemaining > 0 {
                skipRemaining -= 1
                return false
            }
            delivered += 1
            return true
        }
        height = event.height
        delivered = 1
        skipRemaining = 0
        return true
    }
}
