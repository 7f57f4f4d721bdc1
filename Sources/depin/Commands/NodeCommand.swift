import ArgumentParser
import MarketNode

/// `depin node`: run a market node.
struct NodeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "node",
        abstract: "Run a market node: the ledger, the JSON API, the event stream, metrics and the dashboard.",
        subcommands: [Start.self]
    )

    struct Start: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Start a node and serve until SIGINT or SIGTERM.",
            discussion: """
                Settings come from, in increasing priority: built-in defaults, a JSON config file \
                (--config or DEPIN_CONFIG), the environment (DEPIN_HOST, DEPIN_PORT, DEPIN_DATA_DIR, \
                DEPIN_GENESIS, DEPIN_BLOCK_INTERVAL_MS, DEPIN_LOG_LEVEL) and these flags.

                The chain lives in <data-dir>/chain.sqlite and uploaded blobs in <data-dir>/blobs/. A new \
                data directory needs --genesis; an existing one reopens its chain (a given genesis must match).

                Once listening, the node prints one line to stdout:
                  depin node listening on http://HOST:PORT chain CHAINID height N
                On SIGINT or SIGTERM it finishes the block in progress, ends event streams and exits 0.

                Examples:
                  depin node start --data-dir ./node --genesis genesis.json
                  depin node start --data-dir ./node --port 9000 --block-interval-ms 200
                  DEPIN_DATA_DIR=./node depin node start --host 0.0.0.0
                  depin node start --config node.json

                A config file holds any of: host, port, dataDirectory, genesisFile, blockIntervalMillis, \
                maxBlockTransactions, mempoolCapacity, mempoolMaxBytes, maxBlockBytes, snapshotInterval, maxBodyBytes, rateLimitPerSecond, rateLimitBurst, \
                maxEventStreams, logLevel. Example: {"dataDirectory": "./node", "port": 9000}
                """
        )

        @Option(help: "Directory holding chain.sqlite and blobs/ (default: ./depin-data).")
        var dataDir: String?

        @Option(help: "TCP port to listen on; 0 picks a free one (default: 8645).")
        var port: Int?

        @Option(help: "Interface to bind (default: 127.0.0.1; 0.0.0.0 for all).")
        var host: String?

        @Option(help: "Genesis JSON file; required when the data directory holds no chain yet.")
        var genesis: String?

        @Option(name: .customLong("block-interval-ms"), help: "Longest time between blocks in milliseconds (default: 500).")
        var blockIntervalMillis: Int?

        @Option(help: "JSON config file (overrides DEPIN_CONFIG).")
        var config: String?

        @Option(help: "Log level: trace, debug, info, notice, warning, error or critical (default: info).")
        var logLevel: String?

        var flags: PartialNodeConfiguration {
            PartialNodeConfiguration(
                host: host, port: port, dataDirectory: dataDir, genesisFile: genesis,
                blockIntervalMillis: blockIntervalMillis, logLevel: logLevel)
        }

        func validate() throws {
            do {
                _ = try NodeConfiguration.resolve(flags: flags, configFile: config)
            } catch {
                throw ValidationError(error.description)
            }
        }

        func run() async throws {
            let configuration = try NodeConfiguration.resolve(flags: flags, configFile: config)
            try await runNode(configuration: configuration)
        }
    }
}
