import ArgumentParser
import MarketCore

/// `depin reward`: collect verified payouts.
struct RewardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reward",
        abstract: "Claim verified rewards.",
        discussion: "Example:\n  depin reward claim 1 --key gpu-box",
        subcommands: [Claim.self]
    )

    struct Claim: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Move a verified assignment's payout to your balance (claim-reward); pays exactly once.",
            discussion: "Example:\n  depin reward claim 1 --key gpu-box"
        )

        @Argument(help: "Job id.")
        var job: UInt64

        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await reportingErrors(json: options.json) {
                try await options.execute(.claimReward(JobID(job))) { receipt in
                    receipt.event(.rewardClaimed)?.amount.map { "claimed \(Format.tokens($0)) tokens" }
                }
            }
        }
    }
}
