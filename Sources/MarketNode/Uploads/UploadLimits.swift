import MarketCore

/// The node's upload quotas and retention, from `NodeConfiguration`.
struct UploadLimits: Sendable, Hashable {
    /// Every stored item counts at least this much.
    static let minimumChargeBytes: UInt64 = 4_096

    var accountQuotaBytes: UInt64
    var jobQuotaBytes: UInt64
    var unreferencedRetentionSeconds: UInt64
    var settledRetentionSeconds: UInt64
    var modelRetentionSeconds: UInt64
    var diskReserveBytes: UInt64

    init(configuration: NodeConfiguration) {
        accountQuotaBytes = configuration.uploadAccountQuotaBytes
        jobQuotaBytes = configuration.uploadJobQuotaBytes
        unreferencedRetentionSeconds = configuration.unreferencedRetentionSeconds
        settledRetentionSeconds = configuration.settledRetentionSeconds
        modelRetentionSeconds = configuration.modelRetentionSeconds
        diskReserveBytes = configuration.diskReserveBytes
    }
}
