import ComputeWorkloads
import Foundation
import MarketAPI
import MarketAgents
import MarketClient
import MarketCore
import MarketLedger
import Testing

/// Agents keep their word across their own restarts: a provider resumes half-trained work from
/// its stored checkpoints and proves once; a validator never votes twice.
@Suite("Agent restarts", .serialized)
struct AgentRestartTests {
    static func parameters() -> MarketParameters {
        var parameters = MarketParameters()
        parameters.heartbeatWindowBlocks = 50
        parameters.livenessWindowBlocks = 200
        parameters.proofDeadlineBlocks = 5_000
        parameters.validationDeadlineBlocks = 2_000
        return parameters
    }

    @Test("A restarted provider resumes from its last stored checkpoint and commits the same root as uninterrupted training")
    func providerResumesFromCheckpoints() async throws {
        let live = try await LiveNode.start(names: ["client", "gpu"], parameters: Self.parameters())
        let client = live.client
        let description = WorkloadDescription.demo(seed: 21)
        let workload = try MLPWorkload(description)
        let honest = try Trainer(workload: workload).run()
        try await client.uploadBlob(description.canonicalJSON, signedBy: Signer(key: try #require(live.keys["client"])))
        let agentDirectory = live.directory.appendingPathComponent("gpu")
        let configuration = ProviderAgent.Configuration(
            name: "gpu", tier: .datacenter, gpuCount: 4, memoryPerGPUGB: 80, attested: false,
            ratePerGPUHour: Amount(microUnits: 500_000), dataDirectory: agentDirectory, acceptsJobs: false)
        let gpu = try #require(live.keys["gpu"])
        let first = try ProviderAgent(client: client, key: gpu, configuration: configuration, observer: RecordingObserver())
        try await first.ensureRegistered()

        let signer = Signer(key: try #require(live.keys["client"]))
        let spec = JobSpec(
            workloadHash: description.canonicalHash, modelHash: honest.checkpoints[0].hash, datasetHash: workload.datasetHash,
            datasetSizeBytes: UInt64(workload.datasetBytes.count), gpuCount: 1, tier: .consumer, memoryPerGPUGB: 8,
            gpuHours: 10, maxRatePerGPUHour: .tokens(1), segmentCount: UInt32(workload.segmentCount))
        let posted = try await client.submit(.postJob(spec: spec, budget: .tokens(10)), signedBy: signer).requireSuccess()
        let job = try #require(posted.event(.jobPosted)?.job)
        try await client.submit(.matchJob(job), signedBy: signer).requireSuccess()

        // Simulate a crash half-way: the first six checkpoints are on disk, nothing was proved.
        let checkpoints = agentDirectory.appendingPathComponent("checkpoints/\(job)-0")
        try FileManager.default.createDirectory(at: checkpoints, withIntermediateDirectories: true)
        for index in 0...5 {
            try Data(honest.checkpoints[index].bytes).write(to: checkpoints.appendingPathComponent("\(index).ckpt"))
        }
        let observer = RecordingObserver()
        let restarted = try ProviderAgent(client: client, key: gpu, configuration: configuration, observer: observer)
        #expect(try await restarted.step())
        #expect(observer.messages.contains { $0.contains("resuming job \(job) at segment 5/\(workload.segmentCount)") })
        let proved = try await client.job(job).assignments[0]
        #expect(proved.checkpointRoot == honest.merkleRoot)
        #expect(proved.resultHash == honest.resultHash)

        // A third start finds the proof on chain and in its state: it does not prove again.
        let again = try ProviderAgent(client: client, key: gpu, configuration: configuration, observer: RecordingObserver())
        #expect(try await again.step() == false)
        await live.stop()
    }

    @Test("A restarted validator remembers its votes and never votes twice")
    func validatorNeverVotesTwice() async throws {
        var parameters = Self.parameters()
        parameters.committeeSize = 3
        let names = ["client", "gpu", "v1", "v2", "v3"]
        let live = try await LiveNode.start(names: names, parameters: parameters)
        let client = live.client
        let description = WorkloadDescription.demo(seed: 22)
        let workload = try MLPWorkload(description)
        try await client.uploadBlob(description.canonicalJSON, signedBy: Signer(key: try #require(live.keys["client"])))
        let provider = try ProviderAgent(
            client: client, key: try #require(live.keys["gpu"]),
            configuration: .init(name: "gpu", tier: .datacenter, gpuCount: 4, memoryPerGPUGB: 80, attested: false,
                                 ratePerGPUHour: Amount(microUnits: 500_000),
                                 dataDirectory: live.directory.appendingPathComponent("gpu"), acceptsJobs: true),
            observer: RecordingObserver())
        var validators: [ValidatorAgent] = []
        for name in ["v1", "v2", "v3"] {
            let agent = try ValidatorAgent(
                client: client, key: try #require(live.keys[name]),
                configuration: .init(name: name, stake: .tokens(200), dataDirectory: live.directory.appendingPathComponent(name)),
                observer: RecordingObserver())
            try await agent.ensureRegistered()
            validators.append(agent)
        }
        try await provider.ensureRegistered()
        let signer = Signer(key: try #require(live.keys["client"]))
        let spec = JobSpec(
            workloadHash: description.canonicalHash, modelHash: try workload.initialCheckpoint().hash,
            datasetHash: workload.datasetHash, datasetSizeBytes: UInt64(workload.datasetBytes.count), gpuCount: 1,
            tier: .consumer, memoryPerGPUGB: 8, gpuHours: 10, maxRatePerGPUHour: .tokens(1),
            segmentCount: UInt32(workload.segmentCount))
        let posted = try await client.submit(.postJob(spec: spec, budget: .tokens(10)), signedBy: signer).requireSuccess()
        let job = try #require(posted.event(.jobPosted)?.job)
        _ = try await provider.step()   // accepts
        _ = try await provider.step()   // trains and proves
        // Wait for the committee (drawn the block after the proof).
        for _ in 0..<200 where try await client.job(job).assignments[0].status != .voting {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(try await validators[0].step() == 1)
        // v1 restarts: its state says it voted, and the chain agrees.
        let restarted = try ValidatorAgent(
            client: client, key: try #require(live.keys["v1"]),
            configuration: .init(name: "v1", stake: .tokens(200), dataDirectory: live.directory.appendingPathComponent("v1")),
            observer: RecordingObserver())
        #expect(try await restarted.step() == 0)
        #expect(try await validators[1].step() == 1)
        #expect(try await validators[2].step() == 1)
        let assignment = try await client.job(job).assignments[0]
        #expect(assignment.status == .verified)
        #expect(try await client.validators().items.first { $0.address == live.keys["v1"]?.address }?.votesCast == 1)
        await live.stop()
    }
}
