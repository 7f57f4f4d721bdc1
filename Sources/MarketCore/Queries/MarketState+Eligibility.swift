/// Why providers cannot take a job now: the match rule's own eligibility check run over every
/// provider, counted by the first check each one fails, with the cheapest provider held back by
/// each reason. Lets a client see the criterion that excluded the best candidates instead of a
/// bare `no-eligible-provider`.
public struct EligibilityReport: Sendable, Hashable {
    public struct Reason: Sendable, Hashable {
        public var error: MarketError
        public var count: Int
        /// The lowest-rate provider this reason excludes (lowest address among equal rates).
        public var cheapest: Address
        public var cheapestRate: Amount
    }

    public var job: JobID
    public var height: BlockHeight
    public var providersChecked: Int
    public var eligible: Int
    /// Most providers first, then by code.
    public var reasons: [Reason]
}

extension MarketState {
    /// The eligibility report for a pending or active job, or nil when there is no such job.
    /// A read, never part of a rule: it visits every provider (cost proportional to their number)
    /// and its result does not depend on iteration order.
    public func eligibilityReport(for id: JobID) -> EligibilityReport? {
        guard let job = jobs[id] else { return nil }
        var eligible = 0
        var reasons: [MarketError: EligibilityReport.Reason] = [:]
        for (address, provider) in providers {
            guard let error = eligibilityError(of: provider, for: job, gpuHours: job.unassignedGPUHours) else {
                eligible += 1
                continue
            }
            var reason = reasons[error] ?? .init(error: error, count: 0, cheapest: address, cheapestRate: provider.ratePerGPUHour)
            reason.count += 1
            if (provider.ratePerGPUHour, address) < (reason.cheapestRate, reason.cheapest) {
                reason.cheapest = address
                reason.cheapestRate = provider.ratePerGPUHour
            }
            reasons[error] = reason
        }
        let ordered = reasons.values.sorted { ($1.count, $0.error.code) < ($0.count, $1.error.code) }
        return EligibilityReport(
            job: id, height: height, providersChecked: providers.count, eligible: eligible, reasons: ordered)
    }
}
