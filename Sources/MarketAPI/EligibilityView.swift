import MarketCore

/// `GET /v1/jobs/{id}/eligibility`: why providers cannot take the job now, by the first
/// eligibility check each one fails (the same check `match-job` and `accept-job` apply).
public struct EligibilityView: Codable, Hashable, Sendable {
    public struct Reason: Codable, Hashable, Sendable {
        /// The market error this check fails with, e.g. 535 `rate-too-high`.
        public var error: APIErrorBody
        public var count: Int
        /// The lowest-rate provider this reason excludes, and its rate.
        public var cheapestProvider: Address
        public var cheapestRate: Amount

        public init(error: APIErrorBody, count: Int, cheapestProvider: Address, cheapestRate: Amount) {
            self.error = error
            self.count = count
            self.cheapestProvider = cheapestProvider
            self.cheapestRate = cheapestRate
        }
    }

    public var job: JobID
    public var height: BlockHeight
    public var providersChecked: Int
    public var eligible: Int
    /// Most providers first.
    public var reasons: [Reason]

    public init(job: JobID, height: BlockHeight, providersChecked: Int, eligible: Int, reasons: [Reason]) {
        self.job = job
        self.height = height
        self.providersChecked = providersChecked
        self.eligible = eligible
        self.reasons = reasons
    }

    public init(_ report: EligibilityReport) {
        self.init(
            job: report.job, height: report.height, providersChecked: report.providersChecked, eligible: report.eligible,
            reasons: report.reasons.map {
                Reason(error: APIErrorBody($0.error), count: $0.count, cheapestProvider: $0.cheapest, cheapestRate: $0.cheapestRate)
            })
    }
}
