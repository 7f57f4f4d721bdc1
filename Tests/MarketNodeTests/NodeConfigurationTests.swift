import Foundation
import Testing
@testable import MarketNode

extension PartialNodeConfiguration {
    static func with(_ edit: (inout PartialNodeConfiguration) -> Void) -> PartialNodeConfiguration {
        var partial = PartialNodeConfiguration()
        edit(&partial)
        return partial
    }
}

@Suite("Node configuration: defaults < file < environment < flags, validated")
struct NodeConfigurationTests {
    static func file(_ json: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("depin-config-\(UUID().uuidString).json")
        try Data(json.utf8).write(to: url)
        return url.path
    }

    @Test("defaults")
    func defaults() throws {
        let configuration = try NodeConfiguration.resolve(environment: [:])
        #expect(configuration.host == "127.0.0.1" && configuration.port == 8645 && configuration.blockIntervalMillis == 500)
        #expect(configuration.maxBodyBytes == 1 << 20 && configuration.genesisFile == nil)
        #expect(configuration.chainDatabasePath.hasSuffix("depin-data/chain.sqlite"))
        #expect(configuration.ledgerConfiguration.blockInterval == .milliseconds(500))
        #expect(configuration.uploadAccountQuotaBytes == 64 << 20 && configuration.uploadJobQuotaBytes == 4 << 30)
        #expect(configuration.unreferencedRetentionSeconds == 3_600 && configuration.settledRetentionSeconds == 86_400)
        #expect(configuration.modelRetentionSeconds == 604_800 && configuration.diskReserveBytes == 1 << 30)
    }

    @Test("upload quotas, retention and the disk reserve are config-file keys")
    func uploadSettings() throws {
        let path = try Self.file(#"{"uploadAccountQuotaBytes": 8192, "uploadJobQuotaBytes": 65536, "unreferencedRetentionSeconds": 5, "settledRetentionSeconds": 6, "modelRetentionSeconds": 7, "collectionIntervalSeconds": 2, "diskReserveBytes": 0}"#)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let configuration = try NodeConfiguration.resolve(configFile: path, environment: [:])
        #expect(configuration.uploadAccountQuotaBytes == 8_192 && configuration.uploadJobQuotaBytes == 65_536)
        #expect(configuration.unreferencedRetentionSeconds == 5 && configuration.settledRetentionSeconds == 6)
        #expect(configuration.modelRetentionSeconds == 7 && configuration.collectionIntervalSeconds == 2)
        #expect(configuration.diskReserveBytes == 0)
    }

    @Test("a later source wins: file < environment < flags")
    func precedence() throws {
        let path = try Self.file(#"{"host": "0.0.0.0", "port": 1000, "logLevel": "debug", "maxBlockTransactions": 77, "dataDirectory": "/tmp/from-file"}"#)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let environment = ["DEPIN_PORT": "2000", "DEPIN_DATA_DIR": "/tmp/from-env", "DEPIN_BLOCK_INTERVAL_MS": "250"]
        let fromFileAndEnvironment = try NodeConfiguration.resolve(configFile: path, environment: environment)
        #expect(fromFileAndEnvironment.host == "0.0.0.0" && fromFileAndEnvironment.port == 2000)
        #expect(fromFileAndEnvironment.dataDirectory == "/tmp/from-env" && fromFileAndEnvironment.blockIntervalMillis == 250)
        #expect(fromFileAndEnvironment.logLevel == "debug" && fromFileAndEnvironment.maxBlockTransactions == 77)

        let flags = PartialNodeConfiguration(port: 3000, blockIntervalMillis: 100)
        let all = try NodeConfiguration.resolve(flags: flags, configFile: path, environment: environment)
        #expect(all.port == 3000 && all.blockIntervalMillis == 100 && all.dataDirectory == "/tmp/from-env" && all.host == "0.0.0.0")

        let viaEnvironment = try NodeConfiguration.resolve(environment: ["DEPIN_CONFIG": path])
        #expect(viaEnvironment.port == 1000)
        let otherPath = try Self.file(#"{"port": 4000}"#)
        defer { try? FileManager.default.removeItem(atPath: otherPath) }
        #expect(try NodeConfiguration.resolve(configFile: otherPath, environment: ["DEPIN_CONFIG": path]).port == 4000)
        let genesis = try NodeConfiguration.resolve(environment: ["DEPIN_GENESIS": "/tmp/g.json", "DEPIN_HOST": "::1"])
        #expect(genesis.genesisFile == "/tmp/g.json" && genesis.host == "::1")
    }

    @Test("invalid settings fail with a message naming them", arguments: [
        (PartialNodeConfiguration(port: 70_000), [String: String](), "port"),
        (PartialNodeConfiguration(port: -1), [:], "port"),
        (PartialNodeConfiguration(host: "my host"), [:], "host"),
        (PartialNodeConfiguration(dataDirectory: ""), [:], "data directory"),
        (PartialNodeConfiguration(blockIntervalMillis: 0), [:], "block interval"),
        (PartialNodeConfiguration(maxBlockTransactions: 0), [:], "max block transactions"),
        (PartialNodeConfiguration(mempoolCapacity: 0), [:], "mempool capacity"),
        (PartialNodeConfiguration(mempoolMaxBytes: 10), [:], "mempool max bytes"),
        (PartialNodeConfiguration(maxBlockBytes: 10), [:], "max block bytes"),
        (PartialNodeConfiguration(snapshotInterval: 0), [:], "snapshot interval"),
        (PartialNodeConfiguration(maxBodyBytes: 10), [:], "max body bytes"),
        (PartialNodeConfiguration(rateLimitPerSecond: -5), [:], "rate limit"),
        (PartialNodeConfiguration(rateLimitBurst: 0), [:], "burst"),
        (PartialNodeConfiguration(maxEventStreams: 0), [:], "event streams"),
        (PartialNodeConfiguration(maxEventStreamsPerClient: 0), [:], "event streams per client"),
        (PartialNodeConfiguration(maxConnectionsPerClient: 0), [:], "connections per client"),
        (PartialNodeConfiguration(headerTimeoutMillis: 10), [:], "header timeout"),
        (PartialNodeConfiguration(bodyTimeoutMillis: 99_999_999), [:], "body timeout"),
        (PartialNodeConfiguration(logLevel: "loud"), [:], "log level"),
        (PartialNodeConfiguration.with { $0.uploadAccountQuotaBytes = 10 }, [:], "upload account quota"),
        (PartialNodeConfiguration.with { $0.uploadJobQuotaBytes = 1 << 41 }, [:], "upload job quota"),
        (PartialNodeConfiguration.with { $0.settledRetentionSeconds = 100; $0.modelRetentionSeconds = 10 }, [:], "model retention"),
        (PartialNodeConfiguration.with { $0.collectionIntervalSeconds = 0 }, [:], "collection interval"),
        (PartialNodeConfiguration.with { $0.diskReserveBytes = (1 << 50) + 1 }, [:], "disk reserve"),
        (PartialNodeConfiguration(), ["DEPIN_PORT": "eighty"], "DEPIN_PORT"),
        (PartialNodeConfiguration(), ["DEPIN_BLOCK_INTERVAL_MS": "1.5"], "DEPIN_BLOCK_INTERVAL_MS"),
        (PartialNodeConfiguration(), ["DEPIN_BLOCK_INTERVAL_MS": "99999999"], "block interval"),
    ])
    func invalid(flags: PartialNodeConfiguration, environment: [String: String], mentions: String) {
        #expect {
            try NodeConfiguration.resolve(flags: flags, environment: environment)
        } throws: { error in
            "\(error)".contains(mentions)
        }
    }

    @Test("config files: unknown keys, wrong types, bad JSON and missing files are rejected", arguments: [
        (#"{"port": 1, "colour": "red"}"#, "unknown keys colour"),
        (#"{"port": "eighty"}"#, "port"),
        (#"{"port": 1"#, "not a JSON object"),
        ("[1]", "not a JSON object"),
    ])
    func badFiles(json: String, mentions: String) throws {
        let path = try Self.file(json)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect {
            try NodeConfiguration.resolve(configFile: path, environment: [:])
        } throws: { error in
            "\(error)".contains(mentions)
        }
        #expect(throws: NodeConfigurationError.self) {
            try NodeConfiguration.resolve(configFile: "/nonexistent/depin.json", environment: [:])
        }
    }

    @Test("a new data directory without a genesis file cannot start")
    func needsGenesis() throws {
        var configuration = NodeConfiguration()
        configuration.dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("depin-empty-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: configuration.dataDirectory) }
        #expect {
            try Node.open(configuration: configuration)
        } throws: { error in
            "\(error)".contains("genesis")
        }
    }
}
