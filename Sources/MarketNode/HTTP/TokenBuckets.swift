/// Per-client token buckets: each client may send `burst` requests at once and `ratePerSecond`
/// on average. A pure state machine: the caller passes the time, so tests drive it exactly.
struct TokenBuckets: Sendable {
    struct Bucket: Sendable {
        var tokens: Double
        var updated: Duration
    }

    enum Decision: Equatable, Sendable {
        case allowed
        /// Denied; a token is back after this many whole seconds (at least 1).
        case limited(retryAfterSeconds: Int)
    }

    let ratePerSecond: Double
    let burst: Double
    /// Most clients tracked at once; full buckets are forgotten first when it is reached.
    let capacity: Int
    private(set) var buckets: [String: Bucket] = [:]

    init(ratePerSecond: Int, burst: Int, capacity: Int = 65_536) {
        precondition(ratePerSecond > 0 && burst > 0 && capacity > 0, "rate, burst and capacity must be positive")
        self.ratePerSecond = Double(ratePerSecond)
        self.burst = Double(burst)
        self.capacity = capacity
    }

    mutating func take(client: String, now: Duration) -> Decision {
        var bucket = buckets[client] ?? Bucket(tokens: burst, updated: now)
        let elapsed = max(0, Self.seconds(now - bucket.updated))
        bucket.tokens = min(burst, bucket.tokens + elapsed * ratePerSecond)
        bucket.updated = now
        let decision: Decision
        if bucket.tokens >= 1 {
            bucket.tokens -= 1
            decision = .allowed
        } else {
            decision = .limited(retryAfterSeconds: max(1, Int(((1 - bucket.tokens) / ratePerSecond).rounded(.up))))
        }
        if buckets[client] == nil, buckets.count >= capacity { evict(now: now) }
        buckets[client] = bucket
        return decision
    }

    /// Forgets clients whose buckets have refilled; if every client is still active, forgets all
    /// (failing open rather than growing without bound).
    private mutating func evict(now: Duration) {
        buckets = buckets.filter { _, bucket in
            bucket.tokens + max(0, Self.seconds(now - bucket.updated)) * ratePerSecond < burst
        }
        if buckets.count >= capacity { buckets.removeAll(keepingCapacity: true) }
    }

    private static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
