import ArgumentParser

/// The entry point: hands the arguments to `Depin` with negative numbers kept as option values.
@main
enum DepinMain {
    static func main() async {
        await Depin.main(NegativeValues.joined(Array(CommandLine.arguments.dropFirst())))
    }
}

/// `depin`: one command line for every role in the market.
struct Depin: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "depin",
        abstract: "An open GPU compute marketplace for AI training.",
        discussion: """
            Providers list GPUs, clients post training jobs with escrowed budgets, the market matches \
            them, staked validators re-execute sampled segments of the work, and the ledger pays, \
            refunds and slashes.
            """,
        subcommands: [
            DemoCommand.self, NodeCommand.self, KeysCommand.self, WorkloadCommand.self, GovernanceCommand.self, GenesisCommand.self, ProviderCommand.self, JobCommand.self, ProofCommand.self,
            RewardCommand.self, ValidatorCommand.self, StakeCommand.self, TransferCommand.self, AccountCommand.self,
            StatsCommand.self, BlocksCommand.self, ChainCommand.self, DevCommand.self,
        ]
    )
}
