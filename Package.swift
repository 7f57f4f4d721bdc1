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
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
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
        // Seeded market simulator and chain driver: shared by tests, benchmarks and `depin dev simulate`.
        .target(
            name: "MarketSimulation",
            dependencies: ["MarketCore"]
        ),
        .executableTarget(
            name: "depin",
            dependencies: [
                "MarketCore",
                "MarketSimulation",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Benchmarks live apart from tests and print ratios against baselines measured in the same run.
        .executableTarget(
            name: "depin-bench",
            dependencies: ["MarketCore", "MarketSimulation"]
        ),
        .testTarget(
            name: "MarketCoreTests",
            dependencies: ["MarketCore", "MarketSimulation"]
        ),
        .testTarget(
            name: "MarketStoreSQLiteTests",
            dependencies: ["MarketStoreSQLite", "MarketLedger", "MarketCore", "MarketSimulation"]
        ),
        .testTarget(
            name: "MarketLedgerTests",
            dependencies: ["MarketLedger", "MarketCore", "MarketSimulation"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
