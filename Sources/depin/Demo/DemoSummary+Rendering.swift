import MarketDemo

extension DemoSummary {
    /// The summary as tables for a terminal, with where the data lives and how to explore it.
    func rendered() -> String {
        var out = "\n== Jobs ==\n"
        var jobs = Table([.init("job", .right), .init("client"), .init("provider"), .init("tier"), .init("GPU-h", .right),
                          .init("cost", .right), .init("fee", .right), .init("refund", .right), .init("status"),
                          .init("tries", .right), .init("accuracy", .right), .init("result")])
        for row in self.jobs {
            jobs.append([String(row.id), row.client, row.provider, row.tier, String(row.gpuHours), row.cost.description,
                         row.fee.description, row.refunded.description, row.status, String(row.attempts),
                         row.accuracyBps.map { "\(Double($0) / 100)%" } ?? "-", row.resultHash.map { String($0.prefix(12)) + "…" } ?? "-"])
        }
        out += jobs.render() + "\n\n== Providers ==\n"
        var providers = Table([.init("provider"), .init("behavior"), .init("hardware"), .init("earned", .right),
                               .init("slashed", .right), .init("reputation", .right), .init("availability", .right),
                               .init("done", .right), .init("failed", .right), .init("caught")])
        for row in self.providers {
            providers.append([row.name, row.behavior, row.hardware, row.earned.description, row.slashed.description,
                              String(row.reputation), "\(Double(row.availabilityBps) / 100)%", String(row.completed),
                              String(row.failed), row.behavior == "honest" ? "-" : (row.caught ? "yes" : "NO")])
        }
        out += providers.render() + "\n\n== Validators ==\n"
        var validators = Table([.init("validator"), .init("behavior"), .init("rewards", .right), .init("penalties", .right),
                                .init("reputation", .right), .init("votes", .right), .init("against outcome", .right)])
        for row in self.validators {
            validators.append([row.name, row.behavior, row.rewards.description, row.penalties.description,
                               String(row.reputation), String(row.votes), String(row.againstOutcome)])
        }
        out += validators.render() + "\n\n"
        out += "Treasury: \(treasury)   Supply: \(supply)   Chain height: \(chainHeight)\n"
        out += "Conservation (balances + escrow + stakes + claimable + treasury == supply): \(checks.moneyConserved ? "holds" : "VIOLATED")\n"
        out += "Honest jobs verified and paid: \(checks.honestJobsVerifiedAndPaid ? "yes" : "NO")   "
        out += "Every cheater caught: \(checks.everyCheaterCaught ? "yes" : "NO")\n\n"
        out += "Data directory: \(dataDirectory)\n"
        out += "  trained models: \(dataDirectory)/models/   keys: \(dataDirectory)/keys/\n"
        out += "Start the node again on this data and inspect it:\n"
        out += "  depin node start --data-dir \(dataDirectory)/node\n"
        out += "  depin stats    depin job list    depin provider list    depin blocks latest\n"
        out += "  depin chain verify --data-dir \(dataDirectory)/node\n"
        out += success ? "\nDemo succeeded." : "\nDemo FAILED: see the checks above."
        return out
    }
}
