import MarketClient
import Testing

@Suite("Retry backoff")
struct RetryPolicyTests {
    @Test("Doubles from the initial delay, capped, and stops after maxAttempts")
    func schedule() {
        let policy = RetryPolicy(maxAttempts: 6, initialDelay: .milliseconds(100), multiplier: 2, maxDelay: .milliseconds(500))
        let delays = (1...6).map { policy.delay(afterAttempt: $0) }
        #expect(delays == [.milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(500), .milliseconds(500), nil])
    }

    @Test("The none policy never retries")
    func none() {
        #expect(RetryPolicy.none.delay(afterAttempt: 1) == nil)
    }
}
