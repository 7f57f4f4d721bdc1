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
    /// Most clients tracked at once. When it is reached, buckets that have refilled are forgotten
    /// (a full bucket is what a new client gets anyway); while none has, new clients are refused.
    let capacity: Int
    private(set) var buckets: [String: Bucket] = [:]
    /// While the table is full: no bucket refills before this, so eviction need not scan again.
    private var noRefillBefore: Duration?

    init(ratePerSecond: Int, burst: Int, capacity: Int = 65_536) {
        precondition(ratePerSecond > 0 && burst > 0 && capacity > 0, "rate, burst and capacity must be positive")
        self.ratePerSecond = Double(ratePerSecond)
        self.burst = Double(burst)
        self.capacity = capacity
    }

    mutating func take(client: String, now: Duration) -> Decision {
        if buckets[client] == nil, buckets.count >= capacity, let refused = makeRoom(now: now) { return refused }
        var bucket = buckets[client] ?? Bucket(tokens: burst, updated: now)
        let elapsed = max(0, Self.seconds(now - bucket.updated))
        bucket.tokens = min(burst, bucket.tokens + elapsed * ratePerSecond)
        bucket.updated = now
        let decision: Decision
        if bucket.tokens >= 1 {
            bucket.tokens -= 1
            decision = .allowed
        } else {
            decision = .limited(retryAfterSeconds: Self.wholeSeconds((1 - bucket.tokens) / ratePerSecond))
        }
        buckets[client] = bucket
        return decision
    }

    /// Forgets clients whose buckets have refilled. If every tracked client is still active the
    /// new one is refused until the first bucket refills (failing closed: forgetting active
    /// clients would hand every one of them a fresh burst).
    private mutating func makeRoom(now: Duration) -> Decision? {
        if let noRefillBefore, now < noRefillBefore {
            return .limited(retryAfterSeconds: Self.wholeSeconds(Self.seconds(noRefillBefore - now)))
        }
        var soonestRefill: Double = .infinity
        buckets = buckets.filter { _, bucket in
            let refillSeconds = (burst - bucket.tokens) / ratePerSecond - max(0, Self.seconds(now - bucket.updated))
            soonestRefill = min(soonestRefill, refillSeconds)
            return refillSeconds > 0
        }
        guard buckets.count >= capacity else {
            noRefillBefore = nil
            return nil
        }
        noRefillBefore = now + .nanoseconds(Int64(min(soonestRefill, 1e6) * 1e9))
        return .limited(retryAfterSeconds: Self.wholeSeconds(soonestRefill))
    }

    private static func wholeSeconds(_ seconds: Double) -> Int {
        max(1, Int(min(seconds, 1e6).rounded(.up)))
    }

    private static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
