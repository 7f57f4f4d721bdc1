import ComputeWorkloads
import DepinTestSupport
import Foundation
import MarketAPI
import MarketClient
import MarketCore
import MarketLedger
import Testing

/// End to end with real processes on loopback: a `depin node start` process, `depin provider run`
/// and `depin validator run` agent processes (a faker, a withholder and a lazy validator among
/// them), and a client using the SDK. The node is killed and restarted mid-run, and so is an
/// honest provider agent.
@Suite("Agents as real processes", .serialized)
struct AgentProcessTests {
    static func parameters() -> MarketParameters {
        var parameters = MarketParameters()
        parameters.heartbeatWindowBlocks = 20
        parameters.livenessWindowBlocks = 100
        parameters.proofDeadlineBlocks = 2_400
        parameters.validationDeadlineBlocks = 400
        parameters.pendingJobTimeoutBlocks = 20_000
        parameters.jailBlocks = 100_000
        return parameters
    }

    @Test("Honest jobs are verified and paid; the faker and the withholder are slashed and replaced; the lazy validator is penalized")
    func adversariesAreCaught() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("depin-agents-\(UUID().uuidString)")
        let keysDirectory = directory.appendingPathComponent("keys")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        func key(_ name: String) throws -> SigningKey {
            try SigningKey(seed: Hash256.sha256(Array("agents-test/\(name)".utf8)).bytes)
        }
        let providerNames = ["faker", "withholder", "honest-big", "honest-prosumer"]
        let validatorNames = ["v1", "v2", "v3", "v4", "lazy"]
        var allocations: [GenesisDocument.Allocation] = []
        for name in ["client"] + providerNames + validatorNames {
            let signing = try key(name)
            _ = try KeyFile(name: name, key: signing).save(in: keysDirectory.path)
            allocations.append(.init(address: signing.address, amount: .tokens(name == "client" ? 100_000 : 2_000), label: name))
        }
        let client = try key("client")
        let genesis = GenesisDocument(
            chainID: "depin-agents", genesisTimeMillis: 1_764_000_000_000, governance: client.address,
            parameters: Self.parameters(), allocations: allocations, validators: [])
        let genesisFile = directory.appendingPathComponent("genesis.json")
        try genesis.jsonData().write(to: genesisFile)
        let node = NodeProcess(dataDirectory: directory.appendingPathComponent("node"), genesisFile: genesisFile,
                               port: try freeLoopbackPort())
        try FileManager.default.createDirectory(at: node.dataDirectory, withIntermediateDirectories: true)
        try node.start()
        let sdk = try MarketClient(baseURL: node.baseURL)
        try await node.waitUntilHealthy(client: .shared)

        func agent(_ arguments: [String], _ name: String) -> DepinProcess {
            DepinProcess(
                arguments: arguments + ["--node", node.baseURL, "--key", name, "--keys-dir", keysDirectory.path,
                                        "--data-dir", directory.appendingPathComponent("agents/\(name)").path],
                log: directory.appendingPathComponent("\(name).log"))
        }
        let hardware = ["--no-detect", "--no-accept", "--tier", "datacenter", "--memory-gb", "80"]
        let providers = [
            agent(["provider", "run", "--gpus", "4", "--rate", "0.15", "--fake-fraction", "0.5"] + hardware, "faker"),
            agent(["provider", "run", "--gpus", "4", "--rate", "0.16", "--withhold"] + hardware, "withholder"),
            agent(["provider", "run", "--gpus", "8", "--rate", "0.9"] + hardware, "honest-big"),
            agent(["provider", "run", "--no-detect", "--no-accept", "--tier", "prosumer", "--gpus", "4", "--memory-gb", "48",
                   "--rate", "0.45"], "honest-prosumer"),
        ]
        let validators = validatorNames.map { name in
            agent(["validator", "run", "--stake", "200"] + (name == "lazy" ? ["--lazy"] : []), name)
        }
        for process in providers + validators { try process.start() }
        defer {
            for process in providers + validators { process.terminate() }
            _ = node.terminate()
        }

        // Wait for every agent to register.
        let deadline = ContinuousClock.now + .seconds(150)
        while ContinuousClock.now < deadline {
            let registeredProviders = try await sdk.providers(ProviderFilter(limit: 50)).items.count
            let registeredValidators = try await sdk.validators(limit: 50).items.count
            if registeredProviders == 4, registeredValidators == 5 { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        let signer = Signer(key: client)
        let description = WorkloadDescription.demo(seed: 11)
        let workload = try MLPWorkload(description)
        try await sdk.uploadBlob(description.canonicalJSON, signedBy: signer)
        var jobs: [JobID] = []
        for _ in 0..<2 {
            let spec = JobSpec(
                workloadHash: description.canonicalHash, modelHash: try workload.initialCheckpoint().hash,
                datasetHash: workload.datasetHash, datasetSizeBytes: UInt64(workload.datasetBytes.count), gpuCount: 4,
                tier: .datacenter, memoryPerGPUGB: 16, gpuHours: 32, maxRatePerGPUHour: Amount(microUnits: 1_200_000),
                segmentCount: UInt32(workload.segmentCount))
            let posted = try await sdk.submit(.postJob(spec: spec, budget: .tokens(40)), signedBy: signer).requireSuccess()
            let id = try #require(posted.event(.jobPosted)?.job)
            try await sdk.submit(.matchJob(id), signedBy: signer).requireSuccess()
            jobs.append(id)
        }
        // The cheapest providers — the cheaters — got the jobs.
        #expect(try await sdk.job(jobs[0]).assignments.first?.provider == (try key("faker")).address)
        #expect(try await sdk.job(jobs[1]).assignments.first?.provider == (try key("withholder")).address)

        // Crash the node once while the agents work, and restart it on the same data.
        try await Task.sleep(for: .milliseconds(300))
        node.kill9()
        try node.start()
        try await node.waitUntilHealthy(client: .shared)
        var restartedHonestAgent = false
        var finished = false
        while ContinuousClock.now < deadline {
            var settled = true
            for id in jobs {
                let job = try await sdk.job(id)
                if job.status == .pending {
                    settled = false
                    _ = try? await sdk.submit(.matchJob(id), signedBy: signer)
                }
                if job.status != .completed || job.assignments.contains(where: { $0.status == .verified && !$0.claimed }) {
                    settled = false
                }
                // Kill and restart the honest agent once it holds work: it must not prove twice.
                if !restartedHonestAgent, job.assignments.contains(where: { $0.provider == (try? key("honest-big"))?.address }) {
                    providers[2].kill9()
                    try providers[2].start()
                    restartedHonestAgent = true
                }
            }
            if settled {
                finished = true
                break
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        #expect(finished, "jobs did not settle; node log: \(node.logTail())")

        let honest = try key("honest-big").address
        for id in jobs {
            let job = try await sdk.job(id)
            #expect(job.status == .completed)
            let verified = job.assignments.filter { $0.status == .verified }
            #expect(verified.count == 1 && verified.allSatisfy { $0.provider == honest && $0.claimed })
            #expect(job.assignments.first?.status == .rejected)
            // One proof per assignment, even across the agent's restart.
            #expect(job.assignments.allSatisfy { $0.proofSubmittedAt != nil })
        }
        for cheater in ["faker", "withholder"] {
            let view = try await sdk.provider(try key(cheater).address)
            #expect(view.failedAssignments >= 1 && !view.slashed.isZero && view.earned.isZero, "\(cheater): \(view)")
            #expect(view.jailedUntil > 0)
        }
        let paid = try await sdk.provider(honest)
        #expect(paid.completedAssignments == 2 && !paid.earned.isZero)
        let lazy = try await sdk.validators(limit: 50).items.first { $0.address == (try? key("lazy"))?.address }
        #expect((lazy?.votesAgainstOutcome ?? 0) >= 1 && !(lazy?.penalties.isZero ?? true), "lazy validator: \(String(describing: lazy))")
        #expect(try await sdk.stats().moneyConserved)
        for process in providers + validators { process.terminate() }
        #expect(node.terminate() == 0)
        try? FileManager.default.removeItem(at: directory)
    }
}
