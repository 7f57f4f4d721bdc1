import MarketCore
import Testing

/// balances + escrow + stakes + claimable + treasury == supply, and the running totals in
/// `globals` equal the sums recomputed from the records.
public func expectMoneyConserved(_ state: MarketState, sourceLocation: SourceLocation = #_sourceLocation) {
    let money = state.moneySupply()
    #expect(money.isConserved, "money not conserved: \(money)", sourceLocation: sourceLocation)
    #expect(state.globals.escrowTotal == money.escrow, sourceLocation: sourceLocation)
    #expect(state.globals.stakeTotal == money.stakes, sourceLocation: sourceLocation)
    #expect(state.globals.claimableTotal == money.claimable, sourceLocation: sourceLocation)
}
