import ArgumentParser
import MarketAPI

/// `depin stats`: the market at a glance.
struct StatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Show market statistics (get-market-stats) and whether money is conserved.",
        discussion: "Example:\n  depin stats\n  depin stats --json"
    )

    @OptionGroup var options: ClientOptions

    func run() async throws {
        try await reportingErrors(json: options.json) {
            let stats = try await options.client().stats()
            if options.json {
                try Output.printJSON(stats)
                return
            }
            var details = Details()
            details.append("height", String(stats.height))
            details.append("providers", "\(stats.totalProviders) (\(stats.onlineProviders) online)")
            details.append("validators", "\(stats.totalValidators) (\(stats.activeValidators) active)")
            details.append("gpus", "\(stats.totalGPUs) (\(stats.busyGPUs) busy, \(Format.percent(basisPoints: stats.utilizationBasisPoints)) utilized)")
            let byStatus = stats.jobsByStatus.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            details.append("jobs", "\(stats.totalJobs)" + (byStatus.isEmpty ? "" : " (\(byStatus))"))
            details.append("gpu-hours verified", String(stats.gpuHoursVerified))
            details.append("supply", Format.tokens(stats.supply))
            details.append("escrowed", Format.tokens(stats.escrowed))
            details.append("staked", Format.tokens(stats.staked))
            details.append("claimable", Format.tokens(stats.claimable))
            details.append("treasury", Format.tokens(stats.treasury))
            details.append("fees collected", Format.tokens(stats.feesCollected))
            details.append("slashed", Format.tokens(stats.slashed))
            details.append("money conserved", Format.yesNo(stats.moneyConserved))
            print(details.render())
        }
    }
}
