import DepinTestSupport
import MarketCore
import MarketLedger
import Testing
@testable import MarketNode

@Suite("Retention of a verified job: its data goes after the settled retention, its final model only after the model retention")
struct UploadRetentionTests {
    static func limits() -> UploadLimits {
        var configuration = NodeConfiguration()
        configuration.unreferencedRetentionSeconds = 10
        configuration.settledRetentionSeconds = 100
        configuration.modelRetentionSeconds = 1_000
        return UploadLimits(configuration: configuration)
    }

    @Test("workload, manifest and checkpoints go at settled + 100 s; the verified model stays until settled + 1000 s")
    func verifiedModelOutlivesData() throws {
        var market = try MarketFixture()
        let id = market.jobAwaitingVotes()
        let committee = try #require(market.assignment(id)).committee.count
        market.castVotes(id, Array(repeating: true, count: committee))
        let job = try #require(market.state.jobs[id])
        #expect(job.status.isFinal && job.assignments[0].status == .verified)
        let proof = try #require(job.assignments[0].proof)
        let checkpoint = Hash256.sha256(Array("c1".utf8))
        let workload = StoredContent(kind: .blob, hash: job.spec.workloadHash)
        let manifest = StoredContent(kind: .manifest, hash: proof.checkpointRoot)
        let middle = StoredContent(kind: .blob, hash: checkpoint)
        let model = StoredContent(kind: .blob, hash: proof.resultHash)

        var accounts = UploadAccounts(limits: Self.limits())
        for item in [workload, manifest, middle, model] { accounts.adopt(item, size: 100, storedAt: 0) }
        let checkpoints: (Hash256) -> [Hash256]? = { $0 == proof.checkpointRoot ? [checkpoint, proof.resultHash] : nil }
        let state = market.state

        // First seen settled at 1_000: retention counts from here, though the files are old.
        #expect(accounts.collect(state: state, now: 1_000, manifest: checkpoints).isEmpty)
        #expect(accounts.collect(state: state, now: 1_099, manifest: checkpoints).isEmpty)
        #expect(Set(accounts.collect(state: state, now: 1_100, manifest: checkpoints)) == [workload, manifest, middle])
        #expect(accounts.collect(state: state, now: 1_999, manifest: checkpoints).isEmpty)
        #expect(accounts.collect(state: state, now: 2_000, manifest: checkpoints) == [model])
        #expect(accounts.records.isEmpty)
    }
}
