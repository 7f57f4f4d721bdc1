/// `depin-bench [core] [--providers N] [--transactions N]`: prints benchmark figures with the
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
            return
        }
        providers = value(after: "--providers") ?? providers
        transactions = value(after: "--transactions") ?? transactions
        let suite = arguments.first ?? "core"
        switch suite {
        case "core":
            try CoreBenchmark(providerCount: providers, transactionCount: transactions).run()
        case "ledger":
            try await LedgerBenchmark(transactionCount: transactions).run()
        default:
            print("unknown suite \(suite); available: core, ledger")
        }
    }
}
