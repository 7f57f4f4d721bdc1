import MarketAPI
import MarketCore
@testable import MarketClient
import Testing

@Suite("Event stream resume")
struct EventCursorTests {
    static func event(_ height: BlockHeight, _ kind: String) -> CommittedEventView {
        CommittedEventView(height: height, transaction: 0, transactionID: nil, event: EventView(kind: .unrecognized(kind)))
    }

    /// The kinds `cursor` lets through, in order.
    static func admitted(_ events: [(BlockHeight, String)], into cursor: inout EventCursor) -> [String] {
        events.compactMap { height, kind in cursor.admit(event(height, kind)) ? kind : nil }
    }

    @Test("A reconnect replaying the current height delivers only the events not yet seen")
    func resumeWithoutDuplicates() {
        var cursor = EventCursor(fromHeight: 5)
        #expect(Self.admitted([(5, "a"), (6, "b"), (6, "c")], into: &cursor) == ["a", "b", "c"])
        #expect(cursor.height == 6)
        // The connection drops; the next one starts again at height 6.
        cursor.reconnected()
        #expect(Self.admitted([(6, "b"), (6, "c"), (6, "d"), (7, "e")], into: &cursor) == ["d", "e"])
        #expect(cursor.height == 7)
        #expect(cursor.delivered == 1)
    }

    @Test("Events below the cursor are ignored")
    func olderEvents() {
        var cursor = EventCursor(fromHeight: 10)
        #expect(Self.admitted([(9, "old"), (10, "new")], into: &cursor) == ["new"])
    }
}
