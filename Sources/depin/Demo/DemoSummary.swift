import Foundation
import MarketAPI
import MarketClient
import MarketCore

/// What the demo did, read back from the node's API: tables for people, JSON for scripts.
struct DemoSummary: Codable, Sendable {
    struct JobRow: Codable, Sendable {
        var id: UInt64
        var client: String
        var provider: String
        var tier: String
        var gpuHours: UInt64
        var cost: Amount
        var fee: Amount
        var refunded: Amount
        var status: String
        var attempts: Int
        var accuracyBps: Int?
        var resultHash: String?
        var modelPath: String?
    }

    struct ProviderRow: Codable, Sendable {
        var name: String
        var address: String
        var behavior: String
        var hardware: String
        var earned: Amount
        var slashed: Amount
        var reputation: Int
        var availabilityBps: Int
        var completed: Int
        var failed: Int
        var caught: Bool
    }

    struct ValidatorRow: Codable, Sendable {
        var name: String
        var behavior: String
        var rewards: Amount
        var penalties: Amount
        var reputation: Int
        var votes: UInt64
        var againstOutcome: UInt64
    }

    struct Checks: Codable, Sendable {
        var honestJobsVerifiedAndPaid: Bool
        var everyCheaterCaught: Bool
        var moneyConserved: Bool
    }

    var seed: UInt64
    var dataDirectory: String
    var nodeURL: String
    var chainHeight: UInt64
    var jobs: [JobRow]
    var providers: [ProviderRow]
    var validators: [ValidatorRow]
    var treasury: Amount
    var supply: Amount
    var checks: Checks
    var success: Bool

    static func collect(
        client: MarketClient, participants: DemoRunner.Participants, outcome: DemoClients.Outcome,
        settings: DemoSettings, nodeURL: String
    ) async throws -> DemoSummary {
        let names = participants.names
        func name(_ address: Address) -> String { names[address] ?? address.short }
        var jobRows: [JobRow] = []
        var allPaid = outcome.finished
        for posted in outcome.jobs {
            let job = try await client.job(posted.id)
            let verified = job.assignments.filter { $0.status == .verified }
            let fee = verified.reduce(Amount.zero) { (try? $0.adding($1.fee)) ?? $0 }
            if job.status != .completed || verified.contains(where: { !$0.claimed }) { allPaid = false }
            jobRows.append(JobRow(
                id: job.id.rawValue, client: name(job.client), provider: verified.map { name($0.provider) }.joined(separator: ","),
                tier: job.spec.tier.description, gpuHours: job.spec.gpuHours, cost: job.paid, fee: fee, refunded: job.refunded,
                status: job.status.rawValue, attempts: job.assignments.count, accuracyBps: outcome.accuracy[job.id],
                resultHash: verified.last?.resultHash?.hex, modelPath: outcome.modelPaths[job.id]))
        }
        var providerRows: [ProviderRow] = []
        var cheatersCaught = true
        for (actor, hardware, behavior) in participants.providers {
            guard let view = try? await client.provider(actor.address) else { continue }
            let caught = view.failedAssignments > 0 && !view.slashed.isZero
            if behavior != .honest, !caught { cheatersCaught = false }
            providerRows.append(ProviderRow(
                name: actor.name, address: actor.address.description, behavior: behavior.description,
                hardware: "\(hardware.gpus)x \(hardware.model) (\(hardware.tier))", earned: view.earned, slashed: view.slashed,
                reputation: Int(view.reputation), availabilityBps: Int(view.availabilityBasisPoints),
                completed: Int(view.completedAssignments), failed: Int(view.failedAssignments), caught: caught))
        }
        let validatorViews = Dictionary(
            uniqueKeysWithValues: try await client.validators(limit: 500).items.map { ($0.address, $0) })
        let validatorRows = participants.validators.compactMap { actor, behavior -> ValidatorRow? in
            guard let view = validatorViews[actor.address] else { return nil }
            return ValidatorRow(name: actor.name, behavior: behavior.rawValue, rewards: view.rewards, penalties: view.penalties,
                                reputation: Int(view.reputation), votes: view.votesCast, againstOutcome: view.votesAgainstOutcome)
        }
        let stats = try await client.stats()
        let checks = Checks(honestJobsVerifiedAndPaid: allPaid, everyCheaterCaught: cheatersCaught, moneyConserved: stats.moneyConserved)
        return DemoSummary(
            seed: settings.seed, dataDirectory: settings.directory.path, nodeURL: nodeURL, chainHeight: stats.height,
            jobs: jobRows, providers: providerRows, validators: validatorRows, treasury: stats.treasury, supply: stats.supply,
            checks: checks, success: checks.honestJobsVerifiedAndPaid && checks.everyCheaterCaught && checks.moneyConserved)
    }

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
