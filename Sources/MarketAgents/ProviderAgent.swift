import ComputeWorkloads
import Foundation
import MarketAPI
import MarketClient
import MarketCore
import MarketLedger

/// `depin provider run`: stakes and registers the hardware, heartbeats every availability
/// window, takes jobs it qualifies for, trains with progress, uploads checkpoints, submits the
/// proof before the deadline and claims rewards. It talks to the node only through its API and
/// keeps its own state on disk, so a restart never submits twice and resumes half-trained work.
public actor ProviderAgent {
    public struct Configuration: Sendable {
        public var name: String
        public var tier: GPUTier
        public var gpuCount: UInt32
        public var memoryPerGPUGB: UInt32
        public var attested: Bool
        public var ratePerGPUHour: Amount
        public var dataDirectory: URL
        public var behavior: ProviderBehavior
        public var pollInterval: Duration
        /// Whether the agent calls `accept-job` on pending jobs it qualifies for.
        public var acceptsJobs: Bool

        public init(name: String, tier: GPUTier, gpuCount: UInt32, memoryPerGPUGB: UInt32, attested: Bool,
                    ratePerGPUHour: Amount, dataDirectory: URL, behavior: ProviderBehavior = .honest,
                    pollInterval: Duration = .milliseconds(200), acceptsJobs: Bool = true) {
            self.name = name
            self.tier = tier
            self.gpuCount = gpuCount
            self.memoryPerGPUGB = memoryPerGPUGB
            self.attested = attested
            self.ratePerGPUHour = ratePerGPUHour
            self.dataDirectory = dataDirectory
            self.behavior = behavior
            self.pollInterval = pollInterval
            self.acceptsJobs = acceptsJobs
        }
    }

    struct State: Codable, Sendable {
        /// The chain this state belongs to; state of another chain is discarded.
        var chainID: String?
        /// "job/assignment" -> id of the submitted proof transaction.
        var proofs: [String: String] = [:]
        var claimed: Set<String> = []
    }

    public let configuration: Configuration
    public nonisolated let address: Address
    private let client: MarketClient
    private let signer: Signer
    private let observer: any AgentObserver
    private let stateFile: AgentStateFile<State>
    private var state: State
    private var lastHeartbeatHeight: BlockHeight?

    public init(client: MarketClient, key: SigningKey, configuration: Configuration, observer: any AgentObserver) throws {
        self.client = client
        self.signer = Signer(key: key)
        self.address = key.address
        self.configuration = configuration
        self.observer = observer
        stateFile = AgentStateFile(url: configuration.dataDirectory.appendingPathComponent("provider-state.json"))
        state = try stateFile.load() ?? State()
    }

    /// Runs until cancelled: a heartbeat loop beside the work loop. Node outages are retried
    /// with backoff; they never end the agent.
    public func run() async {
        // Bind the state to this chain, then register once before the two loops start, so they
        // never race to register twice.
        while !Task.isCancelled {
            if (try? await bindToChain()) != nil, (try? await ensureRegistered()) != nil { break }
            try? await Task.sleep(for: configuration.pollInterval)
        }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.loop { try await self.heartbeatIfDue() } }
            group.addTask { await self.loop { _ = try await self.step() } }
        }
    }

    private func loop(_ body: @Sendable () async throws -> Void) async {
        await retryLoop(interval: configuration.pollInterval, report: { error in await self.log("retrying after error: \(error)") }, body)
    }

    /// Discards remembered work that belongs to another chain (same key, different network).
    func bindToChain() async throws {
        let chainID = try await client.cachedParameters().chainID
        guard state.chainID != chainID else { return }
        if state.chainID != nil { log("state in \(configuration.dataDirectory.path) belongs to chain \(state.chainID ?? "?"); starting fresh for \(chainID)") }
        state = State(chainID: chainID)
        try? FileManager.default.removeItem(at: configuration.dataDirectory.appendingPathComponent("checkpoints"))
        try stateFile.save(state)
    }

    /// Registers if needed; heartbeats once per availability window.
    public func heartbeatIfDue() async throws {
        let parameters = try await client.cachedParameters()
        let height = try await client.status().height
        guard try await ensureRegistered() else { return }
        let window = max(1, parameters.parameters.heartbeatWindowBlocks)
        if let last = lastHeartbeatHeight, last / window == height / window { return }
        try await client.submit(.providerHeartbeat, signedBy: signer).requireSuccess()
        lastHeartbeatHeight = height
    }

    /// Registers with stake when the node does not know this provider. Returns whether it is active.
    @discardableResult
    public func ensureRegistered() async throws -> Bool {
        if let view = try await currentView() { return view.status == .active }
        let spec = ProviderSpec(
            tier: configuration.tier, gpuCount: configuration.gpuCount, memoryPerGPUGB: configuration.memoryPerGPUGB,
            ratePerGPUHour: configuration.ratePerGPUHour, attested: configuration.attested)
        try await client.submit(.registerProvider(spec), signedBy: signer).requireSuccess()
        log("registered \(configuration.gpuCount)x \(configuration.tier) \(configuration.memoryPerGPUGB) GB at \(configuration.ratePerGPUHour)/GPU-hour"
            + (configuration.attested ? "" : " (declared, unattested)"))
        return true
    }

    /// This provider as the node sees it, or nil when it is not registered.
    private func currentView() async throws -> ProviderView? {
        do {
            return try await client.provider(address)
        } catch {
            if error.isNotFound { return nil }
            throw error
        }
    }

    /// One pass: prove assigned work, claim verified rewards, take a pending job. Returns whether
    /// anything was done.
    public func step() async throws -> Bool {
        guard try await ensureRegistered() else { return false }
        var didWork = false
        let mine = try await client.jobs(JobFilter(provider: address, limit: 100)).items
        for job in mine.sorted(by: { $0.id < $1.id }) {
            for assignment in job.assignments where assignment.provider == address {
                let key = "\(job.id)/\(assignment.index)"
                switch assignment.status {
                case .assigned where state.proofs[key] == nil:
                    try await prove(job, assignment)
                    didWork = true
                case .verified where !assignment.claimed && !state.claimed.contains(key):
                    let receipt = try await client.submit(.claimReward(job.id), signedBy: signer)
                    if receipt.succeeded || receipt.error?.code == MarketError.alreadyClaimed.code {
                        state.claimed.insert(key)
                        try stateFile.save(state)
                        log("claimed \(assignment.providerPayout) for job \(job.id)")
                        didWork = true
                    }
                default:
                    break
                }
            }
        }
        if configuration.acceptsJobs, !didWork { didWork = try await acceptPendingJob() }
        return didWork
    }

    private func acceptPendingJob() async throws -> Bool {
        let me = try await client.provider(address)
        guard me.status == .active, me.online else { return false }
        let pending = try await client.jobs(JobFilter(status: .pending, limit: 50)).items
        for job in pending.sorted(by: { $0.id < $1.id }) {
            guard job.client != address, !job.excludedProviders.contains(address),
                  !job.assignments.contains(where: { $0.provider == address }),
                  me.tier >= job.spec.tier, me.memoryPerGPUGB >= job.spec.memoryPerGPUGB,
                  me.freeGPUs >= job.spec.gpuCount, me.ratePerGPUHour <= job.spec.maxRatePerGPUHour,
                  job.unassignedGPUHours > 0,
                  (try? await client.hasBlob(job.spec.workloadHash)) == true
            else { continue }
            let receipt = try await client.submit(.acceptJob(job.id, gpuHours: job.unassignedGPUHours), signedBy: signer)
            if receipt.succeeded {
                log("accepted job \(job.id): \(job.unassignedGPUHours) GPU-hours at \(me.ratePerGPUHour)")
                return true
            }
        }
        return false
    }

    /// Trains (resuming from stored checkpoints), uploads, and submits the proof.
    private func prove(_ job: JobView, _ assignment: AssignmentView) async throws {
        let key = "\(job.id)/\(assignment.index)"
        let descriptionBytes = try await client.downloadBlob(job.spec.workloadHash)
        let description = try WorkloadDescription.decode(json: descriptionBytes)
        guard description.canonicalHash == job.spec.workloadHash else { throw AgentError.workloadMismatch(job.id) }
        let workload = try WorkloadFactory.make(description)
        let segments = workload.segmentCount
        guard segments == Int(job.spec.segmentCount) else { throw AgentError.workloadMismatch(job.id) }
        let directory = configuration.dataDirectory.appendingPathComponent("checkpoints/\(job.id)-\(assignment.index)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var checkpoints = try Self.loadCheckpoints(directory)
        let initial = try workload.initialCheckpoint()
        if checkpoints.first?.hash != initial.hash {
            checkpoints = [initial]
            try Self.store(initial, index: 0, in: directory)
        }
        if checkpoints.count > 1 { log("resuming job \(job.id) at segment \(checkpoints.count - 1)/\(segments)") }
        let faked = configuration.behavior.fakedSegments(job: job.id, assignment: assignment.index, segments: segments)
        while checkpoints.count <= segments {
            let index = checkpoints.count - 1
            let next: Checkpoint
            if faked.contains(index) {
                next = try workload.skipSegment(index: index, from: checkpoints[index])
            } else {
                next = try workload.runSegment(index: index, from: checkpoints[index])
            }
            try Self.store(next, index: index + 1, in: directory)
            checkpoints.append(next)
            observer.agent(configuration.name, progress: AgentProgress(
                kind: .training, job: job.id, assignment: assignment.index, completed: index + 1, total: segments))
            await Task.yield()
        }
        let hashes = checkpoints.map(\.hash)
        if configuration.behavior != .withholder {
            for checkpoint in checkpoints { try await client.uploadBlob(checkpoint.bytes, signedBy: signer, job: job.id) }
        }
        let root = try await client.uploadManifest(hashes, job: job.id, signedBy: signer)
        guard root == MerkleList.root(hashes) else { throw AgentError.manifestMismatch(job.id) }
        let evaluation = try? workload.evaluate(checkpoints[segments])
        // The chain may already hold this proof if a previous run crashed after submitting.
        let current = try await client.job(job.id).assignments[Int(assignment.index)]
        if current.checkpointRoot == nil {
            let receipt = try await client.submit(
                .submitProof(job.id, assignment: assignment.index, checkpointRoot: root, resultHash: hashes[segments],
                             segmentCount: UInt32(segments)),
                signedBy: signer)
            try receipt.requireSuccess()
            state.proofs[key] = receipt.id.hex
        } else {
            state.proofs[key] = "recovered"
        }
        try stateFile.save(state)
        let accuracy = evaluation.map { " accuracy \(Double($0.accuracyBps) / 100)%" } ?? ""
        log("proof for job \(job.id)/\(assignment.index): root \(root.hex.prefix(12))… result \(hashes[segments].hex.prefix(12))…\(accuracy)"
            + (faked.isEmpty ? "" : " [faked \(faked.count) of \(segments) segments]")
            + (configuration.behavior == .withholder ? " [checkpoints withheld]" : ""))
    }

    static func loadCheckpoints(_ directory: URL) throws -> [Checkpoint] {
        var checkpoints: [Checkpoint] = []
        var index = 0
        while true {
            let file = directory.appendingPathComponent("\(index).ckpt")
            guard let data = FileManager.default.contents(atPath: file.path) else { break }
            checkpoints.append(Checkpoint(bytes: [UInt8](data)))
            index += 1
        }
        return checkpoints
    }

    static func store(_ checkpoint: Checkpoint, index: Int, in directory: URL) throws {
        let file = directory.appendingPathComponent("\(index).ckpt")
        let temporary = directory.appendingPathComponent(".\(index).ckpt.tmp")
        try Data(checkpoint.bytes).write(to: temporary)
        if FileManager.default.fileExists(atPath: file.path) { try FileManager.default.removeItem(at: file) }
        try FileManager.default.moveItem(at: temporary, to: file)
    }

    private func log(_ message: String) {
        observer.agent(configuration.name, log: message)
    }
}

/// Why an agent could not do its work.
public enum AgentError: Error, CustomStringConvertible, Sendable {
    case workloadMismatch(JobID)
    case manifestMismatch(JobID)

    public var description: String {
        switch self {
        case .workloadMismatch(let job): "job \(job)'s workload description does not match its hash or segment count"
        case .manifestMismatch(let job): "the node computed a different checkpoint root for job \(job)"
        }
    }
}
