import Foundation
import MarketAPI
import MarketClient
import MarketCore

/// What the demo did, read back from the node's API: the CLI renders it as tables for people and
/// JSON for scripts.
public struct DemoSummary: Codable, Sendable {
    public struct JobRow: Codable, Sendable {
        public var id: UInt64
        public var client: String
        public var provider: String
        public var tier: String
        public var gpuHours: UInt64
        public var cost: Amount
        public var fee: Amount
        public var refunded: Amount
        public var status: String
        public var attempts: Int
        public var accuracyBps: Int?
        public var resultHash: String?
        public var modelPath: String?
    }

    public struct ProviderRow: Codable, Sendable {
        public var name: String
        public var address: String
        public var behavior: String
        public var hardware: String
        public var earned: Amount
        public var slashed: Amount
        public var reputation: Int
        public var availabilityBps: Int
        public var completed: Int
        public var failed: Int
        public var caught: Bool
    }

    public struct ValidatorRow: Codable, Sendable {
        public var name: String
        public var behavior: String
        public var rewards: Amount
        public var penalties: Amount
        public var reputation: Int
        public var votes: UInt64
        public var againstOutcome: UInt64
    }

    public struct Checks: Codable, Sendable {
        public var honestJobsVerifiedAndPaid: Bool
        public var everyCheaterCaught: Bool
        public var moneyConserved: Bool
    }

    public var seed: UInt64
    public var dataDirectory: String
    public var nodeURL: String
    public var chainHeight: UInt64
    public var jobs: [JobRow]
    public var providers: [ProviderRow]
    public var validators: [ValidatorRow]
    public var treasury: Amount
    public var supply: Amount
    public var checks: Checks
    public var success: Bool

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
}
