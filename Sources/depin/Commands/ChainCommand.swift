import ArgumentParser
import Foundation
import MarketLedger
import MarketStoreSQLite

/// `depin chain`: operator tools that read a node's data directory directly.
struct ChainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chain",
        abstract: "Operator tools for a node's stored chain.",
        discussion: "Example:\n  depin chain verify --data-dir depin-data",
        subcommands: [Verify.self]
    )

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replay the stored chain from genesis and check every signature, hash and state root.",
            discussion: """
                Reads <data-dir>/chain.sqlite without changing it (stop the node first for a \
                consistent view, or verify a copy). Prints the blocks and transactions checked, or \
                the first bad height and why; exits 1 on failure.

                Example:
                  depin chain verify --data-dir depin-data
                """
        )

        @Option(name: .customLong("data-dir"), help: "The node's data directory (holds chain.sqlite).")
        var dataDir: String

        @Flag(help: "Print a JSON report.")
        var json = false

        struct Report: Encodable {
            var valid: Bool
            var blocks: Int
            var transactions: Int
            var snapshotsChecked: Int
            var failedHeight: UInt64?
            var reason: String?
        }

        func run() async throws {
            try await reportingErrors(json: json) {
                let directory = KeysDirectoryOptions.expand(dataDir)
                let path = URL(fileURLWithPath: directory).appendingPathComponent("chain.sqlite").path
                guard FileManager.default.fileExists(atPath: path) else {
                    throw CLIError(.io, "no-chain", "No chain database at \(path).",
                                   hint: "Pass the directory the node was started with (`depin node start --data-dir DIR`).")
                }
                let store: SQLiteBlockStore
                do {
                    store = try SQLiteBlockStore(path: path)
                } catch {
                    throw CLIError(.io, "open-failed", "Could not open \(path): \(error)")
                }
                let progress = ProgressBar(label: "verifying")
                let report = await ChainVerifier(store: store).verify { height, latest in progress.update(height, of: latest) }
                progress.finish()
                if json {
                    try Output.printJSON(Report(
                        valid: report.isValid, blocks: report.blocks, transactions: report.transactions,
                        snapshotsChecked: report.snapshotsChecked, failedHeight: report.firstFailure?.height,
                        reason: report.firstFailure?.reason))
                }
                if let failure = report.firstFailure {
                    let error = CLIError(
                        .chainInvalid, "chain-invalid",
                        "Block \(failure.height) is bad: \(failure.reason) (\(report.blocks) blocks verified before it).",
                        hint: "Restore the data directory from a backup or resync it from a healthy node.")
                    Output.error(error.description)
                    if let hint = error.hint { Output.error("hint: \(hint)") }
                    throw ExitCode.failure
                }
                if !json {
                    print("OK: \(report.blocks) blocks and \(report.transactions) transactions verified, "
                          + "\(report.snapshotsChecked) snapshot(s) checked")
                }
            }
        }
    }
}
