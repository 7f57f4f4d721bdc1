extension MarketState {
    mutating func credit(_ address: Address, _ amount: Amount) throws(MarketError) {
        guard !amount.isZero else { return }
        var account = accounts[address] ?? Account()
        account.balance = try account.balance.adding(amount)
        setAccount(address, account)
    }

    mutating func debit(_ address: Address, _ amount: Amount) throws(MarketError) {
        guard !amount.isZero else { return }
        var account = accounts[address] ?? Account()
        account.balance = try account.balance.subtracting(amount)
        setAccount(address, account)
    }

    mutating func updateGlobals(_ change: (inout Globals) throws(MarketError) -> Void) throws(MarketError) {
        var updated = globals
        try change(&updated)
        setGlobals(updated)
    }

    /// Pays `pool` in equal floor shares to `recipients` (validators), the remainder to the
    /// treasury. Returns the events.
    mutating func payValidators(_ recipients: [Address], pool: Amount) throws(MarketError) -> [MarketEvent] {
        guard !pool.isZero else { return [] }
        guard !recipients.isEmpty else {
            try updateGlobals { (g: inout Globals) throws(MarketError) in g.treasury = try g.treasury.adding(pool) }
            return []
        }
        let (share, remainder) = pool.split(into: recipients.count)
        var events: [MarketEvent] = []
        for address in recipients where !share.isZero {
            try credit(address, share)
            if var validator = validators[address] {
                validator.rewards = try validator.rewards.adding(share)
                setValidator(validator)
            }
            events.append(.validatorRewarded(validator: address, amount: share))
        }
        try updateGlobals { (g: inout Globals) throws(MarketError) in g.treasury = try g.treasury.adding(remainder) }
        return events
    }

    /// Takes `basisPoints` of a provider's stake into `slashedTotal`; the caller routes the money.
    mutating func slashProvider(_ address: Address, basisPoints: UInt32) throws(MarketError) -> Amount {
        guard var provider = providers[address] else { return .zero }
        let amount = provider.stake.share(basisPoints: basisPoints)
        provider.stake = try provider.stake.subtracting(amount)
        provider.slashed = try provider.slashed.adding(amount)
        setProvider(address, provider)
        try updateGlobals { (g: inout Globals) throws(MarketError) in
            g.stakeTotal = try g.stakeTotal.subtracting(amount)
            g.slashedTotal = try g.slashedTotal.adding(amount)
        }
        return amount
    }

    /// Slashes and demotes a validator for a vote against the outcome; the slash goes to the treasury.
    mutating func penalizeValidator(_ address: Address, reason: PenaltyReason) throws(MarketError) -> [MarketEvent] {
        guard var validator = validators[address] else { return [] }
        let amount = reason == .voteAgainstOutcome ? validator.stake.share(basisPoints: parameters.wrongVoteSlashBasisPoints) : .zero
        validator.stake = try validator.stake.subtracting(amount)
        validator.penalties = try validator.penalties.adding(amount)
        switch reason {
        case .voteAgainstOutcome:
            validator.votesAgainstOutcome += 1
            validator.reputation = Reputation.adjust(validator.reputation, by: Reputation.voteAgainstOutcome)
        default:
            validator.missedVotes += 1
            validator.reputation = Reputation.adjust(validator.reputation, by: Reputation.missedVote)
        }
        setValidator(validator)
        try updateGlobals { (g: inout Globals) throws(MarketError) in
            g.stakeTotal = try g.stakeTotal.subtracting(amount)
            g.slashedTotal = try g.slashedTotal.adding(amount)
            g.treasury = try g.treasury.adding(amount)
        }
        return [.validatorPenalized(validator: address, amount: amount, reason: reason)]
    }

    mutating func recordVoteWithOutcome(_ address: Address) {
        guard var validator = validators[address] else { return }
        validator.votesWithOutcome += 1
        validator.reputation = Reputation.adjust(validator.reputation, by: Reputation.voteWithOutcome)
        setValidator(validator)
    }
}
