import Foundation

/// The rate limiter shared by all requests: token buckets behind a lock, and a clock.
final class RateLimiter: Sendable {
    private let state: LockedBox<TokenBuckets>?
    private let now: @Sendable () -> Duration

    /// `ratePerSecond` 0 turns limiting off. `now` is a monotonic clock (tests pass a fixed one).
    init(ratePerSecond: Int, burst: Int, now: @escaping @Sendable () -> Duration) {
        state = ratePerSecond > 0 ? LockedBox(TokenBuckets(ratePerSecond: ratePerSecond, burst: max(1, burst))) : nil
        self.now = now
    }

    func take(client: String) -> TokenBuckets.Decision {
        guard let state else { return .allowed }
        let time = now()
        return state.withLock { $0.take(client: client, now: time) }
    }

    /// A monotonic clock reading from process start.
    static func monotonicClock() -> @Sendable () -> Duration {
        let start = ContinuousClock.now
        return { ContinuousClock.now - start }
    }
}
