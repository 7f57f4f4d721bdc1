import MarketCore

/// Who a stored item counts against and when it was stored.
struct UploadRecord: Hashable, Sendable {
    /// Bytes on disk.
    var size: UInt64
    /// The signer; nil for content found on disk at start.
    var uploader: Address?
    /// The job it is charged to; nil while it counts against the uploader's unreferenced quota.
    var job: JobID?
    /// Unix seconds.
    var storedAt: UInt64

    /// What it counts for: every upload counts at least one filesystem block, so tiny uploads
    /// cannot multiply files for free.
    var chargedBytes: UInt64 { max(size, UploadLimits.minimumChargeBytes) }
}
