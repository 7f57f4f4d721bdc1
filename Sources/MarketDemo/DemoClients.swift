import ComputeWorkloads
import Foundation
import MarketAPI
import MarketClient
import MarketCore
import MarketLedger

/// The clients of the demo: post real training jobs, call `match-job` (again after a cheater is
/// thrown out), and download and evaluate the trained models when the jobs complete.
struct DemoClients {
    let settings: DemoSettings
    let participants: DemoRunner.Participants
    let client: MarketClient
    let reporter: any DemoReporter
    let modelsDirectory: URL

    struct PostedJob: Sendable {
        var id: JobID
        var client: DemoActor
        var description: WorkloadDescription
    }

    struct Outcome: Sendable {
        var jobs: [PostedJob]
        /// Held-out accuracy of each completed job's trained model, verified against the result hash.
        var accuracy: [JobID: Int]
        var modelPaths: [JobID: String]
        var finished: Bool
    }

    func run(deadline: ContinuousClock.Instant) async throws -> Outcome {
        try FileManager.default.createDirectory(at: modelsDirectory, withIntermediateDirectories: true)
        let signers = Dictionary(uniqueKeysWithValues: participants.clients.map { ($0.address, Signer(key: $0.key)) })
        try await waitForProviders(deadline: deadline)
        var posted: [PostedJob] = []
        for index in 0..<settings.jobs {
            let actor = participants.clients[index % participants.clients.count]
            guard let signer = signers[actor.address] else { continue }
            posted.append(try await post(index: index, actor: actor, signer: signer))
        }
        var accuracy: [JobID: Int] = [:]
        var models: [JobID: String] = [:]
        var claimedEverything = false
        while ContinuousClock.now < deadline {
            var allSettled = true
            for job in posted {
                let view = try await client.job(job.id)
                switch view.status {
                case .pending:
                    allSettled = false
                    guard let signer = signers[job.client.address] else { continue }
                    _ = try? await client.submit(.matchJob(job.id), signedBy: signer)
                case .active:
                    allSettled = false
                default:
                    if accuracy[job.id] == nil, view.status == .completed,
                       let result = view.assignments.last(where: { $0.status == .verified })?.resultHash {
                        let model = try await client.downloadBlob(result)
                        let workload = try WorkloadFactory.make(job.description)
                        let evaluation = try workload.evaluate(Checkpoint(bytes: model))
                        accuracy[job.id] = evaluation.accuracyBps
                        let path = modelsDirectory.appendingPathComponent("job-\(job.id).ckpt")
                        try Data(model).write(to: path)
                        models[job.id] = path.path
                        reporter.demoModelEvaluated(client: job.client.name, job: job.id, accuracyBps: evaluation.accuracyBps)
                    }
                }
            }
            if allSettled {
                // Wait for providers to claim what they earned.
                let jobs = try await posted.asyncMap { try await client.job($0.id) }
                claimedEverything = jobs.allSatisfy { $0.assignments.allSatisfy { $0.status != .verified || $0.claimed } }
                if claimedEverything { break }
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        return Outcome(jobs: posted, accuracy: accuracy, modelPaths: models, finished: claimedEverything)
    }

    /// Jobs are posted once the providers have registered and heartbeated.
    private func waitForProviders(deadline: ContinuousClock.Instant) async throws {
        while ContinuousClock.now < deadline {
            let providers = try await client.providers(ProviderFilter(limit: 100)).items
            let validators = try await client.validators(limit: 100).items
            if providers.count >= settings.providers, validators.count >= settings.validators { return }
            try await Task.sleep(for: .milliseconds(150))
        }
    }

    private func post(index: Int, actor: DemoActor, signer: Signer) async throws -> PostedJob {
        let description = WorkloadDescription.demo(seed: settings.seed &+ UInt64(index))
        let workload = try MLPWorkload(description)
        try await client.uploadBlob(description.canonicalJSON, signedBy: signer)
        let tiers: [GPUTier] = [.consumer, .prosumer, .datacenter]
        // The first jobs need four GPUs, so each cheater (four GPUs) takes exactly one of them.
        let gpus: UInt32 = index < settings.cheaters ? 4 : (index % 2 == 0 ? 1 : 2)
        let tier = index < settings.cheaters ? GPUTier.datacenter : tiers[index % tiers.count]
        let gpuHours = UInt64(8 + 4 * index) * UInt64(gpus)
        let maxRate = Amount(microUnits: 1_200_000)
        let spec = JobSpec(
            workloadHash: description.canonicalHash, modelHash: try workload.initialCheckpoint().hash,
            datasetHash: workload.datasetHash, datasetSizeBytes: UInt64(workload.datasetBytes.count),
            gpuCount: gpus, tier: tier, memoryPerGPUGB: 16, gpuHours: gpuHours, maxRatePerGPUHour: maxRate,
            segmentCount: UInt32(workload.segmentCount))
        let budget = try maxRate.multiplied(by: gpuHours)
        let receipt = try await client.submit(.postJob(spec: spec, budget: budget), signedBy: signer).requireSuccess()
        guard let id = receipt.event(.jobPosted)?.job else { throw DemoError.unexpected("post-job returned no job id") }
        _ = try? await client.submit(.matchJob(id), signedBy: signer)
        return PostedJob(id: id, client: actor, description: description)
    }
}

extension Array {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var out: [T] = []
        out.reserveCapacity(count)
        for element in self { out.append(try await transform(element)) }
        return out
    }
}
