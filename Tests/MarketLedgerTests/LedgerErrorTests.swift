import Testing
@testable import MarketLedger

@Suite("Ledger errors")
struct LedgerErrorTests {
    @Test("codes start at 600, are unique and contiguous")
    func codes() {
        let codes = LedgerError.allCases.map(\.code)
        #expect(codes == Array(600..<(600 + codes.count)))
    }

    @Test("names are unique kebab-case and messages are sentences", arguments: LedgerError.allCases)
    func names(error: LedgerError) {
        #expect(!error.name.isEmpty)
        #expect(error.name.allSatisfy { $0 == "-" || ($0.isASCII && ($0.isLowercase || $0.isNumber)) })
        #expect(LedgerError.allCases.filter { $0.name == error.name }.count == 1)
        #expect(error.message.hasSuffix("."))
        #expect(error.description.hasPrefix("error \(error.code) \(error.name): "))
    }

    @Test("the protocol's named conditions keep their codes", arguments: [
        (LedgerError.wrongChain, 600, "wrong-chain"), (.badSignature, 601, "bad-signature"),
        (.nonCanonical, 602, "non-canonical"), (.oversized, 603, "oversized"), (.malformed, 604, "malformed"),
        (.duplicateTransaction, 605, "duplicate-transaction"), (.nonceTooLow, 606, "nonce-too-low"),
        (.nonceGap, 607, "nonce-gap"), (.mempoolFull, 608, "mempool-full"),
        (.accountMempoolFull, 609, "account-mempool-full"), (.feeTooLow, 610, "fee-too-low"),
    ])
    func stableCodes(error: LedgerError, code: Int, name: String) {
        #expect(Int(error.code) == code)
        #expect(error.name == name)
    }
}
