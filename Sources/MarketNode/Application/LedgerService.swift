import Foundation
import MarketLedger
import ServiceLifecycle

/// Runs the ledger's block loop as a service. On graceful shutdown the loop is cancelled; the
/// ledger finishes the block in progress (block production is one synchronous actor call that
/// commits durably before returning) and stops between blocks.
struct LedgerService: Service {
    let ledger: Ledger
    let clock: @Sendable () -> UInt64

    static let wallClockMillis: @Sendable () -> UInt64 = {
        UInt64(max(0, Date().timeIntervalSince1970 * 1_000))
    }

    func run() async throws {
        let ledger = self.ledger
        let clock = self.clock
        try await cancelWhenGracefulShutdown {
            try await ledger.run(clock: clock)
        }
    }
}
