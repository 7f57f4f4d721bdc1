extension MarketState {
    mutating func transfer(from sender: Address, to recipient: Address, amount: Amount) throws(MarketError) -> [MarketEvent] {
        guard !amount.isZero else { throw .invalidAmount }
        try debit(sender, amount)
        try credit(recipient, amount)
        return [.transferred(from: sender, to: recipient, amount: amount)]
    }

    mutating func mint(to recipient: Address, amount: Amount, by sender: Address) throws(MarketError) -> [MarketEvent] {
        guard sender == globals.governance, parameters.mintingEnabled else { throw .unauthorized }
        guard !amount.isZero else { throw .invalidAmount }
        try updateGlobals { (g: inout Globals) throws(MarketError) in g.supply = try g.supply.adding(amount) }
        try credit(recipient, amount)
        return [.minted(to: recipient, amount: amount)]
    }

    mutating func updateParameters(_ newParameters: MarketParameters, by sender: Address) throws(MarketError) -> [MarketEvent] {
        guard sender == globals.governance else { throw .unauthorized }
        try newParameters.validate()
        setParameters(newParameters)
        // Liveness windows and stake minimums decide index membership: derive it all again, as a
        // restore would, so replayed and restored nodes agree.
        rebuildDerivedState()
        return [.parametersUpdated]
    }
}
