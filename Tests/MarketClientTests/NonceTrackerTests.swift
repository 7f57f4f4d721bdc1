@testable import MarketClient
import Testing

@Suite("Local nonce sequence")
struct NonceTrackerTests {
    @Test("Unknown until synced, then consecutive")
    func consecutive() {
        var tracker = NonceTracker()
        #expect(tracker.reserve() == nil)
        #expect(tracker.reserve(syncedTo: 7) == 7)
        #expect(tracker.reserve() == 8)
        #expect(tracker.reserve() == 9)
        #expect(tracker.next == 10)
    }

    @Test("A sync never moves the sequence backwards, but jumps forward to the node's nonce")
    func syncKeepsTheHigherValue() {
        var tracker = NonceTracker(next: 5)
        #expect(tracker.reserve(syncedTo: 3) == 5)
        #expect(tracker.reserve(syncedTo: 10) == 10)
        #expect(tracker.next == 11)
    }

    @Test("Reset forgets; the next reservation needs the node")
    func resetForgets() {
        var tracker = NonceTracker(next: 4)
        tracker.reset()
        #expect(tracker.reserve() == nil)
        #expect(tracker.reserve(syncedTo: 2) == 2)
    }

    @Test("Releasing the latest nonce gives it back; releasing an older one forgets everything")
    func release() {
        var tracker = NonceTracker(next: 0)
        let first = tracker.reserve(syncedTo: 0)
        let second = tracker.reserve()
        #expect(second == 1)
        tracker.release(1)
        #expect(tracker.next == 1)
        tracker.release(first)
        #expect(tracker.next == 0)
        _ = tracker.reserve()
        _ = tracker.reserve()
        tracker.release(0)
        #expect(tracker.next == nil)
    }

    @Test("Signers hand out distinct nonces to concurrent submissions")
    func concurrentSigners() async throws {
        let signer = Signer(key: .generate())
        let nonces = await withTaskGroup(of: UInt64.self) { group in
            for _ in 0..<50 {
                group.addTask {
                    if let nonce = await signer.reserveNonce() { return nonce }
                    return await signer.reserveNonce(syncedTo: 3)
                }
            }
            var all: [UInt64] = []
            for await nonce in group { all.append(nonce) }
            return all
        }
        #expect(Set(nonces).count == 50)
        #expect(nonces.min() == 3)
        #expect(nonces.max() == 52)
    }

    @Test("Nonce disagreements map to re-sync or skip", arguments: [
        (606, MarketClient.NonceAction.resync), (607, .resync), (516, .resync), (618, .skip), (509, .none), (704, .none),
    ])
    func nonceDisagreement(code: Int, action: MarketClient.NonceAction) {
        #expect(MarketClient.nonceDisagreement(code) == action)
    }
}
