import Foundation
import MarketCore

/// Verifies signed transactions on all cores.
public enum ParallelVerifier {
    public static var coreCount: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// Verifies each transaction against `chainID`, preserving order.
    public static func verify(_ transactions: [SignedTransaction], chainID: String) async -> [Result<VerifiedTransaction, LedgerError>] {
        guard transactions.count > 1 else {
            return transactions.map { transaction in Result { () throws(LedgerError) in try transaction.verify(chainID: chainID) } }
        }
        let workers = max(1, min(coreCount, transactions.count))
        let chunk = (transactions.count + workers - 1) / workers
        return await withTaskGroup(of: (Int, [Result<VerifiedTransaction, LedgerError>]).self) { group in
            for start in stride(from: 0, to: transactions.count, by: chunk) {
                let slice = Array(transactions[start..<min(transactions.count, start + chunk)])
                group.addTask {
                    (start, slice.map { transaction in Result { () throws(LedgerError) in try transaction.verify(chainID: chainID) } })
                }
            }
            var results = [Result<VerifiedTransaction, LedgerError>](repeating: .failure(.malformed), count: transactions.count)
            for await (start, chunkResults) in group {
                for (offset, result) in chunkResults.enumerated() { results[start + offset] = result }
            }
            return results
        }
    }
}
