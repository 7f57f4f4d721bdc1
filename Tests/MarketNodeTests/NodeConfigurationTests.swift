import Foundation
import Testing
@testable import MarketNode

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
