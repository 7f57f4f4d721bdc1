import Foundation
import Logging
import MarketCore
import MarketLedger
import MarketStoreSQLite

/// One running node's parts: configuration, ledger, storage, blobs, metrics and limits. Built
/// once by `open` and shared (read-only) by every route and service.
public final class Node: Sendable {
    public let configuration: NodeConfiguration
    public let ledger: Ledger
    public let blobs: BlobStore
    public let manifests: ManifestStore
    /// Upload authorization, quotas, disk reserve and collection.
    public let uploads: UploadGate
    public let metrics: NodeMetrics
    public let logger: Logger
    /// Held for the node's lifetime: one node per data directory.
    let dataLock: DataDirectoryLock?
    let chain: ChainReader
    let rateLimiter: RateLimiter
    let eventStreams: ConnectionCounter
    let eventStreamsPerClient: PerClientCounter
    /// Open connections per client address, against `maxConnectionsPerClient`.
    let connectionsPerClient: PerClientCounter
    let moneyConservation = MoneyConservationCache()
    /// Heartbeat interval of `/v1/events`.
    let eventHeartbeat: Duration

    /// Software version reported by `/v1/status`.
    public static let version = "0.1.0"

    init(
        configuration: NodeConfiguration, ledger: Ledger, store: any BlockStore, blobs: BlobStore, manifests: ManifestStore,
        metrics: NodeMetrics, logger: Logger, rateLimitClock: @escaping @Sendable () -> Duration, eventHeartbeat: Duration,
        uploadClock: @escaping @Sendable () -> UInt64 = UploadGate.wallClockSeconds, dataLock: DataDirectoryLock? = nil
    ) {
        self.dataLock = dataLock
        self.configuration = configuration
        self.ledger = ledger
        self.chain = ChainReader(store: store)
        self.blobs = blobs
        self.manifests = manifests
        self.uploads = UploadGate(
            blobs: blobs, manifests: manifests, ledger: ledger, limits: UploadLimits(configuration: configuration),
            clock: uploadClock, logger: logger)
        self.metrics = metrics
        self.logger = logger
        self.rateLimiter = RateLimiter(
            ratePerSecond: configuration.rateLimitPerSecond, burst: configuration.effectiveRateLimitBurst, now: rateLimitClock)
        self.eventStreams = ConnectionCounter(limit: configuration.maxEventStreams)
        self.eventStreamsPerClient = PerClientCounter(limitPerClient: configuration.maxEventStreamsPerClient)
        self.connectionsPerClient = PerClientCounter(limitPerClient: configuration.maxConnectionsPerClient)
        self.eventHeartbeat = eventHeartbeat
    }

    /// Opens the data directory: the SQLite chain (created from the genesis file when empty),
    /// the ledger on top of it, the blob store and the checkpoint manifests.
    ///
    /// - Parameters:
    ///   - rateLimitClock: monotonic time for the rate limiter; tests pass a fixed clock.
    ///   - eventHeartbeat: how often idle event streams get a comment line.
    ///   - uploadClock: Unix seconds for upload expiry and retention; tests pass their own.
    public static func open(
        configuration: NodeConfiguration, logger: Logger? = nil,
        rateLimitClock: (@Sendable () -> Duration)? = nil, eventHeartbeat: Duration = .seconds(15),
        uploadClock: (@Sendable () -> UInt64)? = nil
    ) throws -> Node {
        try configuration.validate()
        var logger = logger ?? Logger(label: "depin.node")
        logger.logLevel = configuration.logLevelValue
        let directory = configuration.dataDirectoryURL
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw NodeStartError.dataDirectory("\(directory.path) exists and is not a directory") }
        } else {
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            } catch {
                throw NodeStartError.dataDirectory("cannot create \(directory.path): \(error.localizedDescription)")
            }
        }
        let genesis = try configuration.genesisFile.map { try GenesisDocument.load(from: URL(fileURLWithPath: $0)) }
        let lock = try DataDirectoryLock(directory: directory)
        let store = try SQLiteBlockStore(path: configuration.chainDatabasePath)
        let ledger = try Ledger(store: store, genesis: genesis, configuration: configuration.ledgerConfiguration)
        let blobs = try BlobStore(directory: configuration.blobDirectoryPath)
        let manifests: ManifestStore
        do {
            manifests = try ManifestStore(directory: URL(fileURLWithPath: configuration.manifestDirectoryPath, isDirectory: true))
        } catch {
            throw NodeStartError.dataDirectory("cannot create \(configuration.manifestDirectoryPath): \(error.localizedDescription)")
        }
        return Node(
            configuration: configuration, ledger: ledger, store: store, blobs: blobs, manifests: manifests,
            metrics: NodeMetrics(), logger: logger, rateLimitClock: rateLimitClock ?? RateLimiter.monotonicClock(),
            eventHeartbeat: eventHeartbeat, uploadClock: uploadClock ?? UploadGate.wallClockSeconds, dataLock: lock)
    }
}
