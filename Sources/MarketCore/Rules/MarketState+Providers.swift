extension MarketState {
    /// Checks a declared hardware spec: tier 1-3, memory per GPU at least the minimum and GPU count
    /// in range (506 invalid-gpu), rate above zero (500 invalid-provider).
    func validatedTier(_ spec: ProviderSpec) throws(MarketError) -> GPUTier {
        guard let tier = GPUTier(rawValue: spec.tier),
              spec.memoryPerGPUGB >= parameters.minGPUMemoryGB, spec.memoryPerGPUGB <= 16_384,
              spec.gpuCount >= 1, spec.gpuCount <= parameters.maxGPUsPerProvider
        else { throw .invalidGPU }
        guard !spec.ratePerGPUHour.isZero else { throw .invalidProvider }
        return tier
    }

    func requiredStake(gpuCount: UInt32) throws(MarketError) -> Amount {
        try parameters.providerStakePerGPU.multiplied(by: UInt64(gpuCount))
    }

    mutating func registerProvider(_ address: Address, spec: ProviderSpec) throws(MarketError) -> [MarketEvent] {
        guard providers[address] == nil else { throw .providerExists }
        let tier = try validatedTier(spec)
        let stake = try requiredStake(gpuCount: spec.gpuCount)
        try debit(address, stake)
        let sequence = globals.nextProviderSequence
        try updateGlobals { (g: inout Globals) throws(MarketError) in
            g.stakeTotal = try g.stakeTotal.adding(stake)
            g.nextProviderSequence += 1
        }
        let provider = Provider(
            address: address, tier: tier, gpuCount: spec.gpuCount, memoryPerGPUGB: spec.memoryPerGPUGB,
            ratePerGPUHour: spec.ratePerGPUHour, attested: spec.attested, stake: stake, busyGPUs: 0,
            activeAssignments: 0, reputation: Reputation.initial, registeredAt: height, sequence: sequence,
            lastHeartbeat: height, heartbeatWindows: 1, jailedUntil: 0, status: .active,
            lastDowntimePenaltyWindow: 0, earned: .zero, slashed: .zero, completedAssignments: 0,
            failedAssignments: 0)
        setProvider(address, provider)
        schedule.add(.livenessExpiry(address), at: height + parameters.livenessWindowBlocks + 1)
        return [.providerRegistered(provider: address, tier: tier, gpus: spec.gpuCount, rate: spec.ratePerGPUHour, stake: stake)]
    }

    mutating func providerHeartbeat(_ address: Address) throws(MarketError) -> [MarketEvent] {
        guard var provider = providers[address], provider.status == .active else { throw .invalidProvider }
        provider.recordHeartbeat(at: height, windowBlocks: parameters.heartbeatWindowBlocks)
        setProvider(address, provider)
        schedule.add(.livenessExpiry(address), at: height + parameters.livenessWindowBlocks + 1)
        return [.providerHeartbeat(provider: address)]
    }

    /// Replaces the hardware and price. The stake follows the GPU count: a shortfall (after a
    /// slash or for more GPUs) is taken from the balance; an excess is returned only while idle.
    mutating func updateProvider(_ address: Address, spec: ProviderSpec) throws(MarketError) -> [MarketEvent] {
        guard var provider = providers[address], provider.status == .active else { throw .invalidProvider }
        let tier = try validatedTier(spec)
        guard spec.gpuCount >= provider.busyGPUs else { throw .stakeLocked }
        let required = try requiredStake(gpuCount: spec.gpuCount)
        if provider.stake < required {
            let shortfall = try required.subtracting(provider.stake)
            try debit(address, shortfall)
            try updateGlobals { (g: inout Globals) throws(MarketError) in g.stakeTotal = try g.stakeTotal.adding(shortfall) }
            provider.stake = required
        } else if provider.stake > required, provider.activeAssignments == 0 {
            let excess = try provider.stake.subtracting(required)
            try credit(address, excess)
            try updateGlobals { (g: inout Globals) throws(MarketError) in g.stakeTotal = try g.stakeTotal.subtracting(excess) }
            provider.stake = required
        }
        provider.tier = tier
        provider.gpuCount = spec.gpuCount
        provider.memoryPerGPUGB = spec.memoryPerGPUGB
        provider.ratePerGPUHour = spec.ratePerGPUHour
        provider.attested = spec.attested
        setProvider(address, provider)
        return [.providerUpdated(provider: address, stake: provider.stake)]
    }

    mutating func unregisterProvider(_ address: Address) throws(MarketError) -> [MarketEvent] {
        guard var provider = providers[address], provider.status == .active else { throw .invalidProvider }
        guard provider.activeAssignments == 0 else { throw .stakeLocked }
        let release = height + parameters.unbondingBlocks
        provider.status = .unbonding(releaseHeight: release)
        setProvider(address, provider)
        return [.providerUnregistered(provider: address, releaseHeight: release)]
    }

    mutating func registerValidator(_ address: Address, stake: Amount) throws(MarketError) -> [MarketEvent] {
        guard validators[address] == nil else { throw .validatorExists }
        guard stake >= parameters.validatorMinimumStake else { throw .insufficientStake }
        try debit(address, stake)
        try updateGlobals { (g: inout Globals) throws(MarketError) in g.stakeTotal = try g.stakeTotal.adding(stake) }
        setValidator(Validator(address: address, stake: stake, registeredAt: height))
        return [.validatorRegistered(validator: address, stake: stake)]
    }

    mutating func unregisterValidator(_ address: Address) throws(MarketError) -> [MarketEvent] {
        guard var validator = validators[address], validator.status == .active else { throw .validatorNotFound }
        let release = height + parameters.unbondingBlocks
        validator.status = .unbonding(releaseHeight: release)
        setValidator(validator)
        return [.validatorUnregistered(validator: address, releaseHeight: release)]
    }

    /// Returns every matured unbonding stake of `address` (provider and validator) to its balance.
    mutating func withdrawStake(_ address: Address) throws(MarketError) -> [MarketEvent] {
        var total = Amount.zero
        var matured = false
        var stillLocked = false
        if let provider = providers[address], case .unbonding(let release) = provider.status {
            if release <= height {
                total = try total.adding(provider.stake)
                setProvider(address, nil)
                matured = true
            } else {
                stillLocked = true
            }
        }
        if let validator = validators[address], case .unbonding(let release) = validator.status {
            if release <= height {
                total = try total.adding(validator.stake)
                removeValidator(address)
                matured = true
            } else {
                stillLocked = true
            }
        }
        // A fully slashed record still matures and is removed, so the account can register again.
        guard matured else { throw stillLocked ? .stakeLocked : .nothingToWithdraw }
        try credit(address, total)
        try updateGlobals { (g: inout Globals) throws(MarketError) in g.stakeTotal = try g.stakeTotal.subtracting(total) }
        return [.stakeWithdrawn(owner: address, amount: total)]
    }

    /// At each availability window boundary: every provider holding assignments whose measured
    /// availability fell under the requirement loses reputation and a small slash (once per window).
    mutating func penalizeDowntime() throws(MarketError) -> [MarketEvent] {
        let window = height / parameters.heartbeatWindowBlocks
        var events: [MarketEvent] = []
        for address in Array(busyProviders) {
            guard var provider = providers[address], provider.lastDowntimePenaltyWindow != window else { continue }
            let availability = provider.availabilityBasisPoints(at: height, windowBlocks: parameters.heartbeatWindowBlocks)
            guard availability < parameters.uptimeRequirementBasisPoints else { continue }
            provider.lastDowntimePenaltyWindow = window
            provider.reputation = Reputation.adjust(provider.reputation, by: Reputation.downtime)
            setProvider(address, provider)
            let slashed = try slashProvider(address, basisPoints: parameters.downtimeSlashBasisPoints)
            try updateGlobals { (g: inout Globals) throws(MarketError) in g.treasury = try g.treasury.adding(slashed) }
            events.append(.providerSlashed(provider: address, amount: slashed, reason: .downtime))
        }
        return events
    }
}
