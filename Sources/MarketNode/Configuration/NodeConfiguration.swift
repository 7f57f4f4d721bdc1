import Foundation
import Logging
import MarketLedger

/// Everything a node needs to start. Resolved from defaults, then an optional JSON file, then
/// `DEPIN_*` environment variables, then command-line flags (later sources win); see `resolve`.
public struct NodeConfiguration: Sendable, Hashable {
    /// Interface to bind (`127.0.0.1` keeps the node private to this machine).
    public var host = "127.0.0.1"
    /// TCP port; 0 picks a free port (the start line reports the real one).
    public var port = 8645
    /// Holds `chain.sqlite`, `blobs/` and `manifests/`.
    public var dataDirectory = "depin-data"
    /// Genesis document; needed only when the data directory holds no chain yet.
    public var genesisFile: String?
    /// A block is cut at least this often, in milliseconds.
    public var blockIntervalMillis = 500
    /// A block is cut as soon as this many transactions wait.
    public var maxBlockTransactions = 5_000
    /// Most transactions the mempool holds (a tenth of them may wait behind nonce gaps).
    public var mempoolCapacity = 100_000
    /// Most bytes of signed transactions the mempool holds.
    public var mempoolMaxBytes = 256 << 20
    /// Most bytes of signed transactions in one block.
    public var maxBlockBytes = 8 << 20
    /// A full state snapshot is stored every this many blocks.
    public var snapshotInterval: UInt64 = 1_000
    /// Largest JSON request body, in bytes (blobs have their own limit, `maxBlobBytes`).
    public var maxBodyBytes = 1 << 20
    /// Requests per second allowed per client address; 0 turns rate limiting off.
    public var rateLimitPerSecond = 1_000
    /// Requests a client may send in one burst; nil means twice the per-second rate.
    public var rateLimitBurst: Int?
    /// Concurrent `/v1/events` streams.
    public var maxEventStreams = 256
    /// Concurrent `/v1/events` streams one client address may hold.
    public var maxEventStreamsPerClient = 8
    /// Open connections one client address may hold; more are closed as soon as they are accepted.
    public var maxConnectionsPerClient = 256
    /// A connection must complete a request's line and headers within this many milliseconds of
    /// connecting or of its previous response, and may not go silent for longer mid-body.
    public var headerTimeoutMillis = 10_000
    /// A request's whole body must arrive within this many milliseconds of its headers.
    public var bodyTimeoutMillis = 300_000
    /// `trace`, `debug`, `info`, `notice`, `warning`, `error` or `critical`.
    public var logLevel = "info"
    /// Bytes one account may keep stored that no job references yet (a workload before post-job).
    public var uploadAccountQuotaBytes: UInt64 = 64 << 20
    /// Bytes stored for one job: the client's uploads naming it and its providers' checkpoints and manifests.
    public var uploadJobQuotaBytes: UInt64 = 4 << 30
    /// Uploads that no job references are deleted this long after they were stored.
    public var unreferencedRetentionSeconds: UInt64 = 3_600
    /// A settled job's data (workload, dataset, checkpoints, manifests) is deleted this long after
    /// the node saw it settle.
    public var settledRetentionSeconds: UInt64 = 86_400
    /// A settled job's verified final models are kept this long after it settled (at least
    /// `settledRetentionSeconds`).
    public var modelRetentionSeconds: UInt64 = 604_800
    /// How often the collector looks for data to delete.
    public var collectionIntervalSeconds = 60
    /// Uploads are refused when they would leave less than this free on the data directory's
    /// filesystem, so the chain database always has room to commit.
    public var diskReserveBytes: UInt64 = 1 << 30

    public init() {}

    /// Largest accepted values, so a typo cannot ask for absurd resources.
    public static let blockIntervalMillisRange = 1...3_600_000
    public static let maxBodyBytesRange = 1_024...(64 << 20)
    public static let maxEventStreamsRange = 1...100_000
    public static let uploadQuotaBytesRange: ClosedRange<UInt64> = 4_096...(1 << 40)
    public static let retentionSecondsRange: ClosedRange<UInt64> = 0...(10 * 365 * 86_400)
    public static let collectionIntervalSecondsRange = 1...86_400
    public static let diskReserveBytesRange: ClosedRange<UInt64> = 0...(1 << 50)
    public static let maxConnectionsPerClientRange = 1...100_000
    public static let headerTimeoutMillisRange = 100...600_000
    public static let bodyTimeoutMillisRange = 100...3_600_000

    public var chainDatabasePath: String { dataDirectoryURL.appendingPathComponent("chain.sqlite").path }
    public var blobDirectoryPath: String { dataDirectoryURL.appendingPathComponent("blobs").path }
    public var manifestDirectoryPath: String { dataDirectoryURL.appendingPathComponent("manifests").path }
    var dataDirectoryURL: URL { URL(fileURLWithPath: dataDirectory, isDirectory: true) }

    /// Burst size actually in force.
    public var effectiveRateLimitBurst: Int { rateLimitBurst ?? rateLimitPerSecond * 2 }

    public var logLevelValue: Logger.Level { Logger.Level(rawValue: logLevel) ?? .info }

    /// The ledger's tunables derived from this configuration.
    public var ledgerConfiguration: LedgerConfiguration {
        var configuration = LedgerConfiguration()
        configuration.blockInterval = .milliseconds(blockIntervalMillis)
        configuration.maxBlockTransactions = maxBlockTransactions
        configuration.mempoolCapacity = mempoolCapacity
        configuration.mempoolMaxBytes = mempoolMaxBytes
        configuration.maxBlockBytes = maxBlockBytes
        configuration.snapshotInterval = snapshotInterval
        return configuration
    }

    /// Checks every value; the error names the setting and the accepted range.
    public func validate() throws(NodeConfigurationError) {
        guard !host.isEmpty, !host.contains(where: { $0.isWhitespace || $0 == "/" }) else {
            throw .invalid("host must be an IP address or host name without spaces, got '\(host)'")
        }
        guard (0...65_535).contains(port) else { throw .invalid("port must be 0-65535 (0 picks a free port), got \(port)") }
        guard !dataDirectory.isEmpty else { throw .invalid("data directory must not be empty") }
        if let genesisFile, genesisFile.isEmpty { throw .invalid("genesis file path must not be empty") }
        guard Self.blockIntervalMillisRange.contains(blockIntervalMillis) else {
            throw .invalid("block interval must be 1-3600000 ms, got \(blockIntervalMillis)")
        }
        guard (1...Block.maxTransactions).contains(maxBlockTransactions) else {
            throw .invalid("max block transactions must be 1-\(Block.maxTransactions), got \(maxBlockTransactions)")
        }
        guard (1...10_000_000).contains(mempoolCapacity) else {
            throw .invalid("mempool capacity must be 1-10000000 transactions, got \(mempoolCapacity)")
        }
        guard (65_536...(16 << 30)).contains(mempoolMaxBytes) else {
            throw .invalid("mempool max bytes must be 65536-17179869184, got \(mempoolMaxBytes)")
        }
        guard (65_536...(256 << 20)).contains(maxBlockBytes) else {
            throw .invalid("max block bytes must be 65536-268435456, got \(maxBlockBytes)")
        }
        guard (1...1_000_000).contains(snapshotInterval) else {
            throw .invalid("snapshot interval must be 1-1000000 blocks, got \(snapshotInterval)")
        }
        guard Self.maxBodyBytesRange.contains(maxBodyBytes) else {
            throw .invalid("max body bytes must be 1024-67108864, got \(maxBodyBytes)")
        }
        guard (0...1_000_000).contains(rateLimitPerSecond) else {
            throw .invalid("rate limit must be 0-1000000 requests per second (0 turns it off), got \(rateLimitPerSecond)")
        }
        if let rateLimitBurst, !(1...10_000_000).contains(rateLimitBurst) {
            throw .invalid("rate limit burst must be 1-10000000 requests, got \(rateLimitBurst)")
        }
        guard Self.maxEventStreamsRange.contains(maxEventStreams) else {
            throw .invalid("max event streams must be 1-100000, got \(maxEventStreams)")
        }
        guard Self.uploadQuotaBytesRange.contains(uploadAccountQuotaBytes) else {
            throw .invalid("upload account quota must be 4096-\(1 << 40) bytes, got \(uploadAccountQuotaBytes)")
        }
        guard Self.uploadQuotaBytesRange.contains(uploadJobQuotaBytes) else {
            throw .invalid("upload job quota must be 4096-\(1 << 40) bytes, got \(uploadJobQuotaBytes)")
        }
        for (name, value) in [
            ("unreferenced retention", unreferencedRetentionSeconds), ("settled retention", settledRetentionSeconds),
            ("model retention", modelRetentionSeconds),
        ] where !Self.retentionSecondsRange.contains(value) {
            throw .invalid("\(name) must be 0-\(Self.retentionSecondsRange.upperBound) seconds, got \(value)")
        }
        guard modelRetentionSeconds >= settledRetentionSeconds else {
            throw .invalid("model retention (\(modelRetentionSeconds) s) must be at least the settled retention (\(settledRetentionSeconds) s)")
        }
        guard Self.collectionIntervalSecondsRange.contains(collectionIntervalSeconds) else {
            throw .invalid("collection interval must be 1-86400 seconds, got \(collectionIntervalSeconds)")
        }
        guard Self.diskReserveBytesRange.contains(diskReserveBytes) else {
            throw .invalid("disk reserve must be 0-\(1 << 50) bytes, got \(diskReserveBytes)")
        }
        guard Self.maxEventStreamsRange.contains(maxEventStreamsPerClient) else {
            throw .invalid("max event streams per client must be 1-100000, got \(maxEventStreamsPerClient)")
        }
        guard Self.maxConnectionsPerClientRange.contains(maxConnectionsPerClient) else {
            throw .invalid("max connections per client must be 1-100000, got \(maxConnectionsPerClient)")
        }
        guard Self.headerTimeoutMillisRange.contains(headerTimeoutMillis) else {
            throw .invalid("header timeout must be 100-600000 ms, got \(headerTimeoutMillis)")
        }
        guard Self.bodyTimeoutMillisRange.contains(bodyTimeoutMillis) else {
            throw .invalid("body timeout must be 100-3600000 ms, got \(bodyTimeoutMillis)")
        }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw .invalid("log level must be one of trace, debug, info, notice, warning, error, critical; got '\(logLevel)'")
        }
    }

    /// Applies the values that `partial` sets.
    public mutating func apply(_ partial: PartialNodeConfiguration) {
        if let value = partial.host { host = value }
        if let value = partial.port { port = value }
        if let value = partial.dataDirectory { dataDirectory = value }
        if let value = partial.genesisFile { genesisFile = value }
        if let value = partial.blockIntervalMillis { blockIntervalMillis = value }
        if let value = partial.maxBlockTransactions { maxBlockTransactions = value }
        if let value = partial.mempoolCapacity { mempoolCapacity = value }
        if let value = partial.mempoolMaxBytes { mempoolMaxBytes = value }
        if let value = partial.maxBlockBytes { maxBlockBytes = value }
        if let value = partial.snapshotInterval { snapshotInterval = value }
        if let value = partial.maxBodyBytes { maxBodyBytes = value }
        if let value = partial.rateLimitPerSecond { rateLimitPerSecond = value }
        if let value = partial.rateLimitBurst { rateLimitBurst = value }
        if let value = partial.maxEventStreams { maxEventStreams = value }
        if let value = partial.maxEventStreamsPerClient { maxEventStreamsPerClient = value }
        if let value = partial.maxConnectionsPerClient { maxConnectionsPerClient = value }
        if let value = partial.headerTimeoutMillis { headerTimeoutMillis = value }
        if let value = partial.bodyTimeoutMillis { bodyTimeoutMillis = value }
        if let value = partial.logLevel { logLevel = value }
        if let value = partial.uploadAccountQuotaBytes { uploadAccountQuotaBytes = value }
        if let value = partial.uploadJobQuotaBytes { uploadJobQuotaBytes = value }
        if let value = partial.unreferencedRetentionSeconds { unreferencedRetentionSeconds = value }
        if let value = partial.settledRetentionSeconds { settledRetentionSeconds = value }
        if let value = partial.modelRetentionSeconds { modelRetentionSeconds = value }
        if let value = partial.collectionIntervalSeconds { collectionIntervalSeconds = value }
        if let value = partial.diskReserveBytes { diskReserveBytes = value }
    }

    /// Resolves the configuration: defaults < JSON file (`configFile`, else `DEPIN_CONFIG`) <
    /// environment (`DEPIN_HOST`, `DEPIN_PORT`, `DEPIN_DATA_DIR`, `DEPIN_GENESIS`,
    /// `DEPIN_BLOCK_INTERVAL_MS`, `DEPIN_LOG_LEVEL`) < `flags`; then validates the result.
    public static func resolve(
        flags: PartialNodeConfiguration = PartialNodeConfiguration(), configFile: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(NodeConfigurationError) -> NodeConfiguration {
        var configuration = NodeConfiguration()
        if let path = configFile ?? environment["DEPIN_CONFIG"].flatMap({ $0.isEmpty ? nil : $0 }) {
            configuration.apply(try PartialNodeConfiguration(contentsOfFile: path))
        }
        configuration.apply(try PartialNodeConfiguration(environment: environment))
        configuration.apply(flags)
        try configuration.validate()
        return configuration
    }
}
