/// Exponential backoff for retrying idempotent requests after connection failures.
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts in total, the first included (1 = never retry).
    public var maxAttempts: Int
    public var initialDelay: Duration
    public var multiplier: Int
    public var maxDelay: Duration

    public init(maxAttempts: Int = 4, initialDelay: Duration = .milliseconds(100), multiplier: Int = 2,
                maxDelay: Duration = .seconds(2)) {
        precondition(maxAttempts >= 1 && maxAttempts <= 100, "maxAttempts must be 1...100")
        precondition(multiplier >= 1, "multiplier must be at least 1")
        self.maxAttempts = maxAttempts
        self.initialDelay = initialDelay
        self.multiplier = multiplier
        self.maxDelay = maxDelay
    }

    /// Never retry.
    public static let none = RetryPolicy(maxAttempts: 1)

    /// How long to wait after failed attempt number `attempt` (1-based), or nil to give up.
    public func delay(afterAttempt attempt: Int) -> Duration? {
        guard attempt >= 1, attempt < maxAttempts else { return nil }
        var delay = initialDelay
        for _ in 1..<attempt {
            delay = delay * multiplier
            if delay >= maxDelay { return maxDelay }
        }
        return min(delay, maxDelay)
    }
}
