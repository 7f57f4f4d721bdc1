import ComputeWorkloads
import Foundation
import MarketAPI
import MarketAgents
import MarketClient
import MarketCore
import MarketLedger
import MarketNode
import UnixSignals

/// Runs the demo market end to end and returns its summary: an embedded node, provider and
/// validator agents (honest and cheating), and clients posting real training jobs, all through
/// the node's HTTP API.
public struct DemoRunner: Sendable {
    public let settings: DemoSettings
    public let reporter: any DemoReporter

    public init(settings: DemoSettings, reporter: any DemoReporter) {
        self.settings = settings
        self.reporter = reporter
    }

    struct Participants {
        var governance: DemoActor
        var clients: [DemoActor]
        var providers: [(actor: DemoActor, hardware: DemoHardware, behavior: ProviderBehavior)]
        var validators: [(actor: DemoActor, behavior: ValidatorBehavior)]

        var names: [Address: String] {
            var names: [Address: String] = [governance.address: governance.name]
            for client in clients { names[client.address] = client.name }
            for provider in providers { names[provider.actor.address] = provider.actor.name }
            for validator in validators { names[validator.actor.address] = validator.actor.name }
            return names
        }
    }

    public func run() async throws -> DemoSummary {
        let directory = settings.directory
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let reporter = self.reporter
        let participants = try makeParticipants()
        try saveKeys(participants, to: directory.appendingPathComponent("keys"))
        let genesisFile = directory.appendingPathComponent("genesis.json")
        try genesis(participants).jsonData().write(to: genesisFile)

        // The embedded node: the same composition root as `depin node start`, on a free port.
        var configuration = NodeConfiguration()
        configuration.dataDirectory = directory.appendingPathComponent("node").path
        configuration.genesisFile = genesisFile.path
        configuration.port = 0
        configuration.blockIntervalMillis = DemoChain.blockIntervalMillis
        configuration.rateLimitPerSecond = 0
        configuration.logLevel = "error"
        let node = try await EmbeddedNode.start(configuration: configuration)
        let nodeURL = node.baseURL
        let client = try MarketClient(baseURL: nodeURL)
        reporter.demoStarted(nodeURL: nodeURL, settings: settings)

        let names = participants.names
        let eventLog = Task {
            do {
                for try await committed in client.events(fromHeight: 1) { reporter.demoEvent(committed, names: names) }
            } catch {
                // The stream ends when the demo stops the node.
            }
        }
        let observer = reporter
        let agents = Task {
            await withTaskGroup(of: Void.self) { group in
                for (actor, hardware, behavior) in participants.providers {
                    group.addTask {
                        do {
                            let agent = try ProviderAgent(
                                client: client, key: actor.key,
                                configuration: .init(
                                    name: actor.name, tier: hardware.tier, gpuCount: hardware.gpus, memoryPerGPUGB: hardware.memoryGB,
                                    attested: false, ratePerGPUHour: hardware.rate,
                                    dataDirectory: directory.appendingPathComponent("agents/\(actor.name)"), behavior: behavior,
                                    pollInterval: .milliseconds(150), acceptsJobs: false),
                                observer: observer)
                            await agent.run()
                        } catch {
                            reporter.demoAgentFailed(actor.name, error: error)
                        }
                    }
                }
                for (actor, behavior) in participants.validators {
                    group.addTask {
                        do {
                            let agent = try ValidatorAgent(
                                client: client, key: actor.key,
                                configuration: .init(name: actor.name, stake: .tokens(200),
                                                     dataDirectory: directory.appendingPathComponent("agents/\(actor.name)"),
                                                     behavior: behavior, pollInterval: .milliseconds(150)),
                                observer: observer)
                            await agent.run()
                        } catch {
                            reporter.demoAgentFailed(actor.name, error: error)
                        }
                    }
                }
            }
        }

        let clients = DemoClients(settings: settings, participants: participants, client: client, reporter: reporter,
                                  modelsDirectory: directory.appendingPathComponent("models"))
        let outcome = try await clients.run(deadline: ContinuousClock.now + settings.timeout)

        // With --keep-running the agents and the live log go on serving the market until a signal.
        if !settings.keepRunning {
            agents.cancel()
            await agents.value
        }
        // Let the last events reach the log before the summary.
        try? await Task.sleep(for: .milliseconds(300))
        if !settings.keepRunning { eventLog.cancel() }
        let summary = try await DemoSummary.collect(
            client: client, participants: participants, outcome: outcome, settings: settings, nodeURL: nodeURL)
        if settings.keepRunning {
            reporter.demoKeepsRunning(summary: summary, nodeURL: nodeURL)
            await waitForInterrupt()
            agents.cancel()
            await agents.value
            eventLog.cancel()
        }
        try await node.stop()
        return summary
    }

    private func waitForInterrupt() async {
        for await _ in await UnixSignalsSequence(trapping: .sigint, .sigterm) { break }
    }

    func makeParticipants() throws -> Participants {
        let seed = settings.seed
        let governance = try DemoActor.make(.governance, index: 0, seed: seed)
        let clients = try (0..<max(1, min(3, settings.jobs))).map { try DemoActor.make(.client, index: $0, seed: seed) }
        var providers: [(DemoActor, DemoHardware, ProviderBehavior)] = []
        for index in 0..<settings.providers {
            let actor = try DemoActor.make(.provider, index: index, seed: seed)
            if index < settings.cheaters {
                let behavior: ProviderBehavior = index % 2 == 0 ? .faker(fraction: 0.5) : .withholder
                providers.append((actor, DemoHardware.cheater(index), behavior))
            } else {
                providers.append((actor, DemoHardware.honest[(index - settings.cheaters) % DemoHardware.honest.count], .honest))
            }
        }
        let validators = try (0..<settings.validators).map { index -> (DemoActor, ValidatorBehavior) in
            // With enough validators for an honest majority on every committee, one is lazy.
            let lazy = settings.validators >= 6 && index == settings.validators - 1
            return (try DemoActor.make(.validator, index: index, seed: seed), lazy ? .lazy : .honest)
        }
        return Participants(governance: governance, clients: clients, providers: providers, validators: validators)
    }

    func genesis(_ participants: Participants) -> GenesisDocument {
        var allocations = [GenesisDocument.Allocation(address: participants.governance.address, amount: .tokens(1_000), label: "governance")]
        allocations += participants.clients.map { .init(address: $0.address, amount: .tokens(100_000), label: $0.name) }
        allocations += participants.providers.map { .init(address: $0.actor.address, amount: .tokens(5_000), label: $0.actor.name) }
        allocations += participants.validators.map { .init(address: $0.actor.address, amount: .tokens(1_000), label: $0.actor.name) }
        return GenesisDocument(
            chainID: "depin-demo-\(settings.seed)", genesisTimeMillis: 1_764_000_000_000 + settings.seed,
            governance: participants.governance.address, parameters: DemoChain.parameters(),
            allocations: allocations, validators: [])
    }

    func saveKeys(_ participants: Participants, to directory: URL) throws {
        var actors = [participants.governance] + participants.clients
        actors += participants.providers.map(\.actor)
        actors += participants.validators.map(\.actor)
        let existing = Set((try? KeyFile.list(in: directory.path)) ?? [])
        for actor in actors where !existing.contains(actor.name) {
            _ = try KeyFile(name: actor.name, key: actor.key).save(in: directory.path)
        }
    }
}
