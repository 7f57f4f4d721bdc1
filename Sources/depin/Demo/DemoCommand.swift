import ArgumentParser
import Foundation
import MarketDemo

/// `depin demo`: a whole market on one machine, through the real node API and real agents.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run a whole GPU market on this machine: node, providers, validators, clients, cheaters.",
        discussion: """
            Starts an embedded node on a fresh data directory with a development genesis, providers of
            mixed tiers (declared GPUs when none is present), a validator set larger than the committee
            and clients that post real training jobs. At least one provider cheats and is caught.
            Every action is a signed transaction through the node's HTTP API. Ends with summary tables
            and exits 0 only when every honest job was verified and paid, every cheater was caught and
            money was conserved.

            Examples:
              depin demo
              depin demo --providers 6 --validators 8 --jobs 5 --cheaters 2 --seed 42
              depin demo --json --quiet > summary.json
              depin demo --keep-running      # then explore with depin commands
            """
    )

    @Option(help: "Number of providers (2-20).")
    var providers = 4

    @Option(help: "Number of validators (3-30); the committee has 5 members.")
    var validators = 6

    @Option(help: "Number of training jobs (1-20).")
    var jobs = 3

    @Option(help: "Providers that cheat (fake segments or withhold checkpoints); fewer than --providers.")
    var cheaters = 1

    @Option(help: ArgumentHelp(
        "Seed: fixes the keys, genesis, hardware and behaviour of every participant, the jobs and their workloads, so the trained models (result hashes, accuracy) and who is caught.",
        discussion: "Timing decides the rest: which validators sit on each committee, their votes and rewards, and the chain height."))
    var seed: UInt64 = 7

    @Option(help: "Data directory (default: a new ./depin-demo-SEED[-N]).")
    var dataDir: String?

    @Option(help: "Give up after this many seconds.")
    var timeout = 240

    @Flag(help: "Leave the node and the agents running afterwards for exploration (Ctrl-C stops them).")
    var keepRunning = false

    @Flag(help: "Print a machine-readable JSON summary at the end.")
    var json = false

    @Flag(help: "No live log or progress bars.")
    var quiet = false

    func validate() throws {
        guard (2...20).contains(providers) else { throw ValidationError("--providers must be between 2 and 20") }
        guard (3...30).contains(validators) else { throw ValidationError("--validators must be between 3 and 30 (the verification threshold is 3)") }
        guard (1...20).contains(jobs) else { throw ValidationError("--jobs must be between 1 and 20") }
        guard cheaters >= 0, cheaters < providers else { throw ValidationError("--cheaters must be at least 0 and fewer than --providers") }
        guard cheaters <= jobs else { throw ValidationError("--cheaters must not exceed --jobs: each cheater needs a job to be caught on") }
        guard (10...3_600).contains(timeout) else { throw ValidationError("--timeout must be between 10 and 3600 seconds") }
    }

    func run() async throws {
        let directory = DemoCommand.resolveDirectory(dataDir, seed: seed)
        let settings = DemoSettings(
            providers: providers, validators: validators, jobs: jobs, cheaters: cheaters, seed: seed,
            directory: directory, timeout: .seconds(timeout), keepRunning: keepRunning)
        let summary = try await DemoRunner(settings: settings, reporter: DemoConsole(quiet: quiet || json)).run()
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(summary), as: UTF8.self))
        } else {
            print(summary.rendered())
        }
        if !summary.success { throw ExitCode.failure }
    }

    static func resolveDirectory(_ given: String?, seed: UInt64) -> URL {
        if let given { return URL(fileURLWithPath: (given as NSString).expandingTildeInPath) }
        let base = FileManager.default.currentDirectoryPath
        var candidate = URL(fileURLWithPath: base).appendingPathComponent("depin-demo-\(seed)")
        var suffix = 2
        while FileManager.default.fileExists(atPath: candidate.path) {
            candidate = URL(fileURLWithPath: base).appendingPathComponent("depin-demo-\(seed)-\(suffix)")
            suffix += 1
        }
        return candidate
    }
}
