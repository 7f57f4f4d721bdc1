import Foundation

/// Some of a node's settings: what one source (config file, environment, flags) sets.
/// In a JSON config file every key is optional and unknown keys are rejected.
public struct PartialNodeConfiguration: Codable, Hashable, Sendable {
    public var host: String?
    public var port: Int?
    public var dataDirectory: String?
    public var genesisFile: String?
    public var blockIntervalMillis: Int?
    public var maxBlockTransactions: Int?
    public var mempoolCapacity: Int?
    public var mempoolMaxBytes: Int?
    public var maxBlockBytes: Int?
    public var snapshotInterval: UInt64?
    public var maxBodyBytes: Int?
    public var rateLimitPerSecond: Int?
    public var rateLimitBurst: Int?
    public var maxEventStreams: Int?
    public var maxEventStreamsPerClient: Int?
    public var maxConnectionsPerClient: Int?
    public var headerTimeoutMillis: Int?
    public var bodyTimeoutMillis: Int?
    public var logLevel: String?
    public var uploadAccountQuotaBytes: UInt64?
    public var uploadJobQuotaBytes: UInt64?
    public var unreferencedRetentionSeconds: UInt64?
    public var settledRetentionSeconds: UInt64?
    public var modelRetentionSeconds: UInt64?
    public var collectionIntervalSeconds: Int?
    public var diskReserveBytes: UInt64?

    public init(
        host: String? = nil, port: Int? = nil, dataDirectory: String? = nil, genesisFile: String? = nil,
        blockIntervalMillis: Int? = nil, maxBlockTransactions: Int? = nil, mempoolCapacity: Int? = nil,
        mempoolMaxBytes: Int? = nil, maxBlockBytes: Int? = nil, snapshotInterval: UInt64? = nil,
        maxBodyBytes: Int? = nil, rateLimitPerSecond: Int? = nil, rateLimitBurst: Int? = nil,
        maxEventStreams: Int? = nil, maxEventStreamsPerClient: Int? = nil, maxConnectionsPerClient: Int? = nil,
        headerTimeoutMillis: Int? = nil, bodyTimeoutMillis: Int? = nil, logLevel: String? = nil
    ) {
        self.host = host
        self.port = port
        self.dataDirectory = dataDirectory
        self.genesisFile = genesisFile
        self.blockIntervalMillis = blockIntervalMillis
        self.maxBlockTransactions = maxBlockTransactions
        self.mempoolCapacity = mempoolCapacity
        self.mempoolMaxBytes = mempoolMaxBytes
        self.maxBlockBytes = maxBlockBytes
        self.snapshotInterval = snapshotInterval
        self.maxBodyBytes = maxBodyBytes
        self.rateLimitPerSecond = rateLimitPerSecond
        self.rateLimitBurst = rateLimitBurst
        self.maxEventStreams = maxEventStreams
        self.maxEventStreamsPerClient = maxEventStreamsPerClient
        self.maxConnectionsPerClient = maxConnectionsPerClient
        self.headerTimeoutMillis = headerTimeoutMillis
        self.bodyTimeoutMillis = bodyTimeoutMillis
        self.logLevel = logLevel
    }

    /// Keys a config file may contain.
    public static let fileKeys: Set<String> = [
        "host", "port", "dataDirectory", "genesisFile", "blockIntervalMillis", "maxBlockTransactions",
        "mempoolCapacity", "mempoolMaxBytes", "maxBlockBytes", "snapshotInterval", "maxBodyBytes", "rateLimitPerSecond",
        "rateLimitBurst", "maxEventStreams", "logLevel",
        "uploadAccountQuotaBytes", "uploadJobQuotaBytes", "unreferencedRetentionSeconds", "settledRetentionSeconds",
        "modelRetentionSeconds", "collectionIntervalSeconds", "diskReserveBytes",
        "maxEventStreamsPerClient", "maxConnectionsPerClient", "headerTimeoutMillis", "bodyTimeoutMillis",
    ]

    /// Largest config file read.
    static let maxFileBytes = 1 << 20

    /// Reads a JSON config file.
    public init(contentsOfFile path: String) throws(NodeConfigurationError) {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .invalid("cannot read config file \(path): \(error.localizedDescription)")
        }
        guard data.count <= Self.maxFileBytes else { throw .invalid("config file \(path) is larger than 1 MiB") }
        try self.init(json: data, source: "config file \(path)")
    }

    /// Parses a JSON config object, rejecting unknown keys.
    public init(json data: Data, source: String = "config") throws(NodeConfigurationError) {
        let keys: [String]
        do {
            keys = try JSONObjectKeys.topLevelKeys(of: data)
        } catch {
            throw .invalid("\(source) is not a JSON object: \(error)")
        }
        let unknown = keys.filter { !Self.fileKeys.contains($0) }.sorted()
        guard unknown.isEmpty else {
            throw .invalid("\(source) has unknown keys \(unknown.joined(separator: ", ")); allowed: \(Self.fileKeys.sorted().joined(separator: ", "))")
        }
        do {
            self = try JSONDecoder().decode(PartialNodeConfiguration.self, from: data)
        } catch let error as DecodingError {
            throw .invalid("\(source): \(DecodingErrorDescription.describe(error))")
        } catch {
            throw .invalid("\(source): \(error)")
        }
    }

    /// Environment variables read by `resolve`.
    public static let environmentKeys = [
        "DEPIN_HOST", "DEPIN_PORT", "DEPIN_DATA_DIR", "DEPIN_GENESIS", "DEPIN_BLOCK_INTERVAL_MS", "DEPIN_LOG_LEVEL",
    ]

    /// The `DEPIN_*` variables that are set (empty values count as unset).
    public init(environment: [String: String]) throws(NodeConfigurationError) {
        func value(_ key: String) -> String? {
            guard let text = environment[key]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            return text
        }
        func integer(_ key: String) throws(NodeConfigurationError) -> Int? {
            guard let text = value(key) else { return nil }
            guard let number = Int(text) else { throw .invalid("\(key) must be an integer, got '\(text)'") }
            return number
        }
        self.init()
        host = value("DEPIN_HOST")
        port = try integer("DEPIN_PORT")
        dataDirectory = value("DEPIN_DATA_DIR")
        genesisFile = value("DEPIN_GENESIS")
        blockIntervalMillis = try integer("DEPIN_BLOCK_INTERVAL_MS")
        logLevel = value("DEPIN_LOG_LEVEL")
    }
}
