/// `depin-bench [core|index] [--providers N] [--transactions N]`: prints benchmark figures with the
/// baselines measured in the same run. Build with `-c release`.
@main
struct DepinBench {
    static func main() async throws {
        var arguments = Array(CommandLine.arguments.dropFirst())
        var providers = 1_000_000
        var transactions = 1_000_000
        func value(after flag: String) -> Int? {
            guard let index = arguments.firstIndex(of: flag), index + 1 < arguments.count else { return nil }
            defer { arguments.removeSubrange(index...(index + 1)) }
            return Int(arguments[index + 1])
        }
        if arguments.contains("--help") || arguments.contains("-h") {
            print("usage: depin-bench [core|ledger] [--providers N] [--transactions N]")
            print("       depin-bench index [--providers N]   (default 100,000)")
            print("       depin-bench pot [--runs N]")
            print("       depin-bench api-prepare --dir D [--providers N] [--transfers N] [--jobs N] [--rounds N]")
            print("       depin-bench api-seed --url http://127.0.0.1:PORT --file F [--connections N]")
            print("       depin-bench node --config FILE   (the node as `depin node start --config FILE` runs it)")
            return
        }
        let providersGiven = value(after: "--providers")
        providers = providersGiven ?? providers
        transactions = value(after: "--transactions") ?? transactions
        func string(after flag: String) -> String? {
            guard let index = arguments.firstIndex(of: flag), index + 1 < arguments.count else { return nil }
            defer { arguments.removeSubrange(index...(index + 1)) }
            return arguments[index + 1]
        }
        let runs = value(after: "--runs")
        let directory = string(after: "--dir")
        let url = string(after: "--url")
        let file = string(after: "--file")
        let transfers = value(after: "--transfers")
        let jobs = value(after: "--jobs")
        let connections = value(after: "--connections")
        let rounds = value(after: "--rounds")
        let config = string(after: "--config")
        let suite = arguments.first ?? "core"
        switch suite {
        case "core":
            try CoreBenchmark(providerCount: providers, transactionCount: transactions).run()
        case "index":
            try IndexBenchmark(providerCount: providersGiven ?? 100_000).run()
        case "ledger":
            try await LedgerBenchmark(transactionCount: transactions).run()
        case "pot":
            try ProofOverheadBenchmark(runs: runs ?? 5).run()
        case "api-prepare":
            guard let directory else { throw BenchError.setupFailed("api-prepare needs --dir") }
            try await APIBenchmark.Prepare(directory: directory, providers: providersGiven ?? 100_000,
                                           transfersPerRound: transfers ?? 100_000, jobs: jobs ?? 100, rounds: rounds ?? 3).run()
        case "api-seed":
            guard let url, let file else { throw BenchError.setupFailed("api-seed needs --url and --file") }
            try APIBenchmark.Seed(url: url, file: file, connections: connections ?? 32).run()
        case "node":
            try await APIBenchmark.node(configFile: config)
        default:
            print("unknown suite \(suite); available: core, index, ledger, pot, api-prepare, api-seed, node")
        }
    }
}
