// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "depin",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "depin", targets: ["depin"]),
        .executable(name: "depin-bench", targets: ["depin-bench"]),
        .library(name: "MarketCore", targets: ["MarketCore"]),
        .library(name: "MarketLedger", targets: ["MarketLedger"]),
        .library(name: "ComputeWorkloads", targets: ["ComputeWorkloads"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
    ],
    targets: [
        // Pure, deterministic market state machine: no I/O, no clock, no randomness.
        .target(
            name: "MarketCore",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")]
        ),
        // Signed transactions, blocks, mempool, storage and chain verification.
        .target(
            name: "MarketLedger",
            dependencies: ["MarketCore", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // SQLite block store (GRDB): WAL, synchronous=FULL, one durable commit per block.
        .target(
            name: "MarketStoreSQLite",
            dependencies: ["MarketLedger", "MarketCore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // JSON wire types shared by the node and its clients.
        .target(
            name: "MarketAPI",
            dependencies: ["MarketCore"]
        ),
        // The node: Hummingbird HTTP API, sequencer service, blob store, metrics.
        .target(
            name: "MarketNode",
            dependencies: [
                "MarketCore", "MarketLedger", "MarketStoreSQLite", "MarketAPI",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        // Swift SDK: builds, signs, submits and waits; never imports the node.
        .target(
            name: "MarketClient",
            dependencies: [
                "MarketCore", "MarketLedger", "MarketAPI",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        // Deterministic, segment-replayable training workloads and GPU detection.
        .target(
            name: "ComputeWorkloads",
            dependencies: ["MarketCore"]
        ),
        // Provider, validator and client agents: talk to a node only through MarketClient.
        .target(
            name: "MarketAgents",
            dependencies: ["MarketCore", "MarketLedger", "MarketAPI", "MarketClient", "ComputeWorkloads"]
        ),
        // Seeded market simulator and chain driver: shared by tests, benchmarks and `depin dev simulate`.
        .target(
            name: "MarketSimulation",
            dependencies: ["MarketCore"]
        ),
        // `depin demo`'s market: an embedded node, agents and clients; the CLI only renders it.
        .target(
            name: "MarketDemo",
            dependencies: [
                "MarketCore", "MarketLedger", "MarketAPI", "MarketNode", "MarketClient", "MarketAgents", "ComputeWorkloads",
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "depin",
            dependencies: [
                "MarketCore", "MarketSimulation", "MarketLedger", "MarketStoreSQLite", "MarketAPI", "MarketNode",
                "MarketClient", "MarketAgents", "ComputeWorkloads", "MarketDemo",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Benchmarks live apart from tests and print ratios against baselines measured in the same run.
        .executableTarget(
            name: "depin-bench",
            dependencies: ["MarketCore", "MarketSimulation", "MarketLedger", "MarketStoreSQLite", "MarketNode", "ComputeWorkloads"]
        ),
        // Test scaffolding shared by every test target: the market fixture, the seeded generator's
        // test draws, the built binaries, free ports and `depin` child processes. Kept to MarketCore,
        // MarketSimulation and Foundation so rule tests never link the server stack; production
        // modules ship none of it.
        .target(
            name: "DepinTestSupport",
            dependencies: ["MarketCore", "MarketSimulation"],
            path: "Tests/DepinTestSupport"
        ),
        .testTarget(
            name: "MarketCoreTests",
            dependencies: ["MarketCore", "MarketSimulation", "DepinTestSupport"]
        ),
        .testTarget(
            name: "MarketSimulationTests",
            dependencies: ["MarketSimulation", "MarketCore", "DepinTestSupport"]
        ),
        .testTarget(
            name: "ComputeWorkloadsTests",
            dependencies: ["ComputeWorkloads", "MarketCore"]
        ),
        .testTarget(
            name: "MarketAgentsTests",
            dependencies: [
                "MarketAgents", "MarketClient", "MarketNode", "MarketAPI", "MarketLedger", "MarketCore", "ComputeWorkloads",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Black-box tests of the real binaries: the CLI, the SDK against a node process, crash
        // recovery, agents as processes, the demo, `dev simulate` across processes.
        .testTarget(
            name: "DepinSystemTests",
            dependencies: [
                "MarketLedger", "MarketCore", "MarketAPI", "MarketClient", "ComputeWorkloads", "MarketSimulation",
                "DepinTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "MarketNodeTests",
            dependencies: [
                "MarketNode", "MarketAPI", "MarketLedger", "MarketCore", "MarketSimulation", "MarketStoreSQLite",
                "DepinTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "MarketClientTests",
            dependencies: [
                "MarketClient", "MarketAPI", "MarketLedger", "MarketCore", "DepinTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        .testTarget(
            name: "MarketStoreSQLiteTests",
            dependencies: [
                "MarketStoreSQLite", "MarketLedger", "MarketCore", "MarketSimulation", "DepinTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "MarketLedgerTests",
            dependencies: ["MarketLedger", "MarketCore", "MarketSimulation", "DepinTestSupport"]
        ),
        .testTarget(
            name: "MarketAPITests",
            dependencies: ["MarketAPI", "MarketCore"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
