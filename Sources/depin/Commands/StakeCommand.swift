import ArgumentParser
import MarketCore

/// `depin stake`: get unbonded stakes back.
struct StakeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stake",
        abstract: "Withdraw stakes whose unbonding period has ended.",
        discussion: "Example:\n  depin stake withdraw --key gpu-box",
        subcommands: [Withdraw.self]
    )

    struct Withdraw: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Move every unbonded stake of the account back to its balance (withdraw-stake).",
            discussion: "Example:\n  depin stake withdraw --key gpu-box"
        )

        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await reportingErrors(json: options.json) {
                try await options.execute(.withdrawStake) { receipt in
                    receipt.event(.stakeWithdrawn)?.amount.map { "withdrew \(Format.tokens($0)) tokens" }
                }
            }
        }
    }
}
