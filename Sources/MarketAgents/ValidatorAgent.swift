import ComputeWorkloads
import Foundation
import MarketAPI
import MarketClient
import MarketCore
import MarketLedger

/// `depin validator run`: stakes and registers, watches proofs where it sits on the committee,
/// fetches the challenged checkpoints, checks them against the committed Merkle root, replays
/// the segments and votes with its recomputed hashes as evidence. Missing or mismatching data
/// is a rejection. Votes are remembered on disk so a restart never double-votes.
public actor ValidatorAgent {
    public struct Configuration: Sendable {
        public var name: String
        public var stake: Amount
        public var dataDirectory: URL
        public var behavior: ValidatorBehavior
        public var pollInterval: Duration

        public init(name: String, stake: Amount, dataDirectory: URL, behavior: ValidatorBehavior = .honest,
                    pollInterval: Duration = .milliseconds(200)) {
            self.name = name
            self.stake = stake
            self.dataDirectory = dataDirectory
            self.behavior = behavior
            self.pollInterval = pollInterval
        }
    }

    struct State: Codable, Sendable {
        /// The chain this state belongs to; state of another chain is discarded.
        var chainID: String?
        /// "job/assignment/round/phase" -> approve.
        var votes: [String: Bool] = [:]
    }

    public let configuration: Configuration
    public nonisolated let address: Address
    private let client: MarketClient
    private let signer: Signer
    private let observer: any AgentObserver
    private let stateFile: AgentStateFile<State>
    private var state: State
    private var workloads: [Hash256: any Workload] = [:]

    public init(client: MarketClient, key: SigningKey, configuration: Configuration, observer: any AgentObserver) throws {
        self.client = client
        self.signer = Signer(key: key)
        self.address = key.address
        self.configuration = configuration
        self.observer = observer
        stateFile = AgentStateFile(url: configuration.dataDirectory.appendingPathComponent("validator-state.json"))
        state = try stateFile.load() ?? State()
    }

    /// Runs until cancelled, retrying node outages with backoff.
    public func run() async {
        let (name, observer) = (configuration.name, observer)
        await retryLoop(interval: configuration.pollInterval, report: { observer.agent(name, log: "retrying after error: \($0)") }) {
            _ = try await self.step()
        }
    }

    /// Registers with stake when not yet a validator. Discards remembered votes of another chain.
    public func ensureRegistered() async throws {
        let chainID = try await client.cachedParameters().chainID
        if state.chainID != chainID {
            state = State(chainID: chainID)
            try stateFile.save(state)
        }
        let validators = try await client.validators(limit: 500).items
        if validators.contains(where: { $0.address == address }) { return }
        try await client.submit(.registerValidator(stake: configuration.stake), signedBy: signer).requireSuccess()
        observer.agent(configuration.name, log: "registered as validator with stake \(configuration.stake)")
    }

    /// One pass over open jobs: votes on every assignment where this validator owes a vote.
    /// Returns the number of votes cast.
    public func step() async throws -> Int {
        try await ensureRegistered()
        var cast = 0
        var open = try await client.jobs(JobFilter(status: .active, limit: 200)).items
        open += try await client.jobs(JobFilter(status: .pending, limit: 200)).items
        for job in open.sorted(by: { $0.id < $1.id }) {
            for assignment in job.assignments where assignment.status == .voting {
                guard let required = assignment.requiredSegments(for: address),
                      !assignment.votes.contains(where: { $0.validator == address })
                else { continue }
                let key = "\(job.id)/\(assignment.index)/\(assignment.round)/\(assignment.phase)"
                guard state.votes[key] == nil else { continue }
                let (approve, evidence) = try await check(job, assignment, segments: required)
                let receipt = try await client.submit(
                    .verifyProof(job.id, assignment: assignment.index, approve: approve, evidence: evidence), signedBy: signer)
                state.votes[key] = approve
                try stateFile.save(state)
                if receipt.succeeded {
                    cast += 1
                    observer.agent(configuration.name, log: "\(approve ? "approved" : "REJECTED") job \(job.id)/\(assignment.index) "
                                   + "(\(assignment.phase), segments \(required.map(String.init).joined(separator: ",")))")
                } else if let error = receipt.error {
                    observer.agent(configuration.name, log: "vote on job \(job.id) not counted: \(error.name)")
                }
            }
        }
        return cast
    }

    /// Replays the required segments. Honest validators approve only when every segment's start
    /// checkpoint is available, hashes to the committed value and replays to the committed next one.
    private func check(_ job: JobView, _ assignment: AssignmentView, segments: [UInt32]) async throws -> (Bool, [SegmentEvidence]) {
        if configuration.behavior == .lazy {
            return (true, segments.map { SegmentEvidence(segment: $0, startHash: .zero, endHash: .zero) })
        }
        guard let root = assignment.checkpointRoot else { return (false, Self.emptyEvidence(segments)) }
        let hashes: [Hash256]
        do {
            hashes = try await client.manifest(root: root)
        } catch {
            return (false, Self.emptyEvidence(segments))
        }
        // The committed checkpoints must start at the job's initial model and end at the result
        // the provider named, or the "trained model" could be any blob.
        let tree = MerkleList.levels(hashes)
        guard MerkleList.root(of: tree) == root, hashes.count == Int(job.spec.segmentCount) + 1,
              hashes.first == job.spec.modelHash, hashes.last == assignment.resultHash
        else {
            return (false, Self.emptyEvidence(segments))
        }
        let workload = try await workload(for: job)
        var approve = true
        var evidence: [SegmentEvidence] = []
        for (done, segment) in segments.enumerated() {
            let index = Int(segment)
            let startHash = hashes[index]
            guard let proof = MerkleList.proof(in: tree, index: index),
                  MerkleList.verify(item: startHash, index: index, count: hashes.count, proof: proof, root: root),
                  let start = try? await client.downloadBlob(startHash)
            else {
                approve = false
                evidence.append(SegmentEvidence(segment: segment, startHash: .zero, endHash: .zero))
                continue
            }
            let verdict = try SegmentVerifier(workload: workload)
                .verify(segment: index, from: start, startHash: startHash, claimedNext: hashes[index + 1])
            if !verdict.isMatch { approve = false }
            evidence.append(SegmentEvidence(segment: segment, startHash: startHash, endHash: verdict.recomputedHash ?? .zero))
            observer.agent(configuration.name, progress: AgentProgress(
                kind: .verifying, job: job.id, assignment: assignment.index, completed: done + 1, total: segments.count))
        }
        return (approve, evidence)
    }

    private func workload(for job: JobView) async throws -> any Workload {
        if let cached = workloads[job.spec.workloadHash] { return cached }
        let bytes = try await client.downloadBlob(job.spec.workloadHash)
        let description = try WorkloadDescription.decode(json: bytes)
        guard description.canonicalHash == job.spec.workloadHash else { throw AgentError.workloadMismatch(job.id) }
        let workload = try WorkloadFactory.make(description)
        workloads[job.spec.workloadHash] = workload
        return workload
    }

    static func emptyEvidence(_ segments: [UInt32]) -> [SegmentEvidence] {
        segments.map { SegmentEvidence(segment: $0, startHash: .zero, endHash: .zero) }
    }
}
