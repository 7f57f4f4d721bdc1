/// `get-provider-info`: a provider's record plus what the ledger measured about it.
public struct ProviderInfo: Hashable, Sendable {
    public var provider: Provider
    public var availabilityBasisPoints: UInt32
    public var online: Bool
    public var freeGPUs: UInt32
    public var requiredStake: Amount
}

/// `calculate-job-cost`: what a job of this size costs at a rate, and how it splits.
public struct CostQuote: Hashable, Sendable {
    public var gpuHours: UInt64
    public var ratePerGPUHour: Amount
    public var cost: Amount
    public var platformFee: Amount
    public var providerPayout: Amount
    /// GPU-hours x the tier's reference rate: the least budget `post-job` accepts.
    public var referenceCost: Amount
}

/// `get-market-stats`: the seed's market totals, with utilization measured from assignments.
public struct MarketStats: Hashable, Sendable {
    public var height: BlockHeight
    public var totalProviders: Int
    public var onlineProviders: Int
    public var totalValidators: Int
    public var activeValidators: Int
    public var totalGPUs: UInt64
    public var busyGPUs: UInt64
    /// busy GPUs / registered GPUs, basis points.
    public var utilizationBasisPoints: UInt32
    public var totalJobs: UInt64
    public var jobsByStatus: [JobStatus: UInt64]
    public var gpuHoursVerified: UInt64
    public var treasury: Amount
    public var escrowed: Amount
    public var staked: Amount
    public var claimable: Amount
    public var supply: Amount
    public var feesCollected: Amount
    public var slashed: Amount
}

/// Every pool of money in the market, for the conservation check.
public struct MoneySupplyCheck: Hashable, Sendable {
    public var balances: Amount
    public var escrow: Amount
    public var stakes: Amount
    public var claimable: Amount
    public var treasury: Amount
    public var supply: Amount

    /// balances + escrow + stakes + claimable + treasury == supply.
    public var isConserved: Bool {
        balances.microUnits &+ escrow.microUnits &+ stakes.microUnits &+ claimable.microUnits &+ treasury.microUnits
            == supply.microUnits
    }
}

extension MarketState {
    public func providerInfo(_ address: Address) -> ProviderInfo? {
        guard let provider = providers[address] else { return nil }
        return ProviderInfo(
            provider: provider,
            availabilityBasisPoints: provider.availabilityBasisPoints(at: height, windowBlocks: parameters.heartbeatWindowBlocks),
            online: provider.isLive(at: height, livenessBlocks: parameters.livenessWindowBlocks),
            freeGPUs: provider.freeGPUs,
            requiredStake: (try? requiredStake(gpuCount: provider.gpuCount)) ?? provider.stake)
    }

    /// `get-job-details`.
    public func jobDetails(_ id: JobID) -> Job? { jobs[id] }

    /// `calculate-job-cost` at `rate` (the tier's reference rate when nil).
    public func calculateJobCost(gpuHours: UInt64, tier: GPUTier, rate: Amount? = nil) throws(MarketError) -> CostQuote {
        let reference = try referenceCost(gpuHours: gpuHours, tier: tier)
        let rate = rate ?? parameters.referenceRate(for: tier)
        let cost = try rate.multiplied(by: gpuHours)
        let fee = cost.share(basisPoints: parameters.platformFeeBasisPoints)
        return CostQuote(
            gpuHours: gpuHours, ratePerGPUHour: rate, cost: cost, platformFee: fee,
            providerPayout: try cost.subtracting(fee), referenceCost: reference)
    }

    /// `get-market-stats`.
    public func marketStats() -> MarketStats {
        var byStatus: [JobStatus: UInt64] = [:]
        for status in JobStatus.allCases { byStatus[status] = globals.jobsByStatus[Int(status.rawValue)] }
        let utilization = globals.totalGPUs == 0 ? 0 : UInt32(globals.busyGPUs * 10_000 / globals.totalGPUs)
        return MarketStats(
            height: height, totalProviders: providers.count, onlineProviders: matchIndex.count,
            totalValidators: validators.count, activeValidators: activeValidators.count,
            totalGPUs: globals.totalGPUs, busyGPUs: globals.busyGPUs, utilizationBasisPoints: utilization,
            totalJobs: globals.nextJobID - 1, jobsByStatus: byStatus, gpuHoursVerified: globals.gpuHoursVerified,
            treasury: globals.treasury, escrowed: globals.escrowTotal, staked: globals.stakeTotal,
            claimable: globals.claimableTotal, supply: globals.supply, feesCollected: globals.feesCollected,
            slashed: globals.slashedTotal)
    }

    /// Sums every pool from the records themselves (not the running totals), so it checks them.
    public func moneySupply() -> MoneySupplyCheck {
        var balances: UInt64 = 0
        for account in accounts.values { balances &+= account.balance.microUnits }
        var escrow: UInt64 = 0
        var claimable: UInt64 = 0
        for job in jobs.values {
            escrow &+= job.escrow.microUnits
            for assignment in job.assignments where assignment.status == .verified && !assignment.claimed {
                claimable &+= assignment.providerPayout.microUnits
            }
        }
        var stakes: UInt64 = 0
        for provider in providers.values { stakes &+= provider.stake.microUnits }
        for validator in validators.values { stakes &+= validator.stake.microUnits }
        return MoneySupplyCheck(
            balances: Amount(microUnits: balances), escrow: Amount(microUnits: escrow),
            stakes: Amount(microUnits: stakes), claimable: Amount(microUnits: claimable),
            treasury: globals.treasury, supply: globals.supply)
    }

    /// Eligible validators in address order.
    public var activeValidatorAddresses: [Address] { Array(activeValidators) }

    /// Providers currently listed for matching (active and live).
    public var listedProviderCount: Int { matchIndex.count }
}
