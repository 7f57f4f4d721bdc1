import Foundation
import Hummingbird
import HummingbirdTesting
import MarketAPI
import MarketCore
import MarketLedger
import Testing
@testable import MarketNode

@Suite("Collection deletes unreferenced and settled uploads after their retention, and nothing a live job needs")
struct UploadCollectionTests {
    static func bytes(_ count: Int, salt: UInt8) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 13 &+ Int(salt)) }
    }

    @Test("junk goes after the unreferenced retention, a cancelled job's data after the settled retention; job 1's stays")
    func collection() async throws {
        let clock = LockedBox<UInt64>(TestNode.uploadNow)
        let node = try TestNode(parameters: MarketScenario.parameters, uploadTime: clock) {
            $0.unreferencedRetentionSeconds = 60
            $0.settledRetentionSeconds = 600
            $0.modelRetentionSeconds = 6_000
        }
        defer { node.remove() }
        try await MarketScenario.build(on: node)
        // Job 3: the other client's own workload, cancelled below.
        let ownWorkload = Self.bytes(1_000, salt: 3)
        let spec = JobSpec(
            workloadHash: Hash256.sha256(ownWorkload), modelHash: Hash256.sha256([1]), datasetHash: Hash256.sha256([2]),
            datasetSizeBytes: 1, gpuCount: 1, tier: .consumer, memoryPerGPUGB: 8, gpuHours: 10,
            maxRatePerGPUHour: .tokens(2), segmentCount: 4)
        try await node.commit([(TestKeys.otherClient, .postJob(spec: spec, budget: .tokens(20)))])

        let workload = Array("workload".utf8)  // named by job 1
        let junk = Self.bytes(2_000, salt: 1)
        let checkpoint = Self.bytes(3_000, salt: 2)  // P0's, for job 1, before its proof
        let jobThreeData = Self.bytes(1_500, salt: 4)
        try await node.app.test(.router) { client in
            func put(_ bytes: [UInt8], by key: SigningKey, job: JobID? = nil) async throws {
                let reply = try await client.send(
                    .put, "/v1/blobs/\(Hash256.sha256(bytes).hex)", bytes: bytes, headers: try UploadHeaders.blob(bytes, by: key, job: job, expiresAt: clock.withLock { $0 } + 300))
                #expect(reply.status == 201, "\(reply.text)")
            }
            try await put(workload, by: TestKeys.client)
            try await put(junk, by: TestKeys.client)
            try await put(checkpoint, by: MarketScenario.p0, job: JobID(1))
            try await put(ownWorkload, by: TestKeys.otherClient)
            try await put(jobThreeData, by: TestKeys.otherClient, job: JobID(3))
        }
        func present(_ bytes: [UInt8]) -> Bool { node.node.blobs.size(of: Hash256.sha256(bytes)) != nil }

        // Within every retention nothing goes.
        #expect(await node.node.uploads.collect().items == 0)

        clock.withLock { $0 += 61 }
        let first = await node.node.uploads.collect()
        #expect(first.items == 1 && first.bytes == 2_000)
        #expect(!present(junk))
        #expect(present(workload) && present(checkpoint) && present(ownWorkload) && present(jobThreeData))

        try await node.commit([(TestKeys.otherClient, .cancelJob(JobID(3)))])
        clock.withLock { $0 += 100 }
        #expect(await node.node.uploads.collect().items == 0)  // the node saw job 3 settle just now
        clock.withLock { $0 += 601 }
        let second = await node.node.uploads.collect()
        #expect(second.items == 2)
        #expect(!present(ownWorkload) && !present(jobThreeData))
        // Job 1 is still live: its workload and its provider's checkpoint stay however long it runs.
        clock.withLock { $0 += 1_000_000 }
        #expect(await node.node.uploads.collect().items == 0)
        #expect(present(workload) && present(checkpoint))
    }

    @Test("after a restart, what is on disk is adopted: kept while referenced, collected after the retention otherwise")
    func restart() async throws {
        let clock = LockedBox<UInt64>(UInt64(Date().timeIntervalSince1970))
        let directory: URL
        let configuration: NodeConfiguration
        let junk = Self.bytes(2_000, salt: 7)
        let workload = Array("workload".utf8)
        do {
            let node = try TestNode(parameters: MarketScenario.parameters, uploadTime: clock) {
                $0.unreferencedRetentionSeconds = 60
            }
            directory = node.directory
            configuration = node.configuration
            try await MarketScenario.build(on: node)
            try await node.app.test(.router) { client in
                for bytes in [junk, workload] {
                    let reply = try await client.send(
                        .put, "/v1/blobs/\(Hash256.sha256(bytes).hex)", bytes: bytes,
                        headers: try UploadHeaders.blob(bytes, by: TestKeys.client, expiresAt: clock.withLock { $0 } + 300))
                    #expect(reply.status == 201)
                }
            }
        }
        defer { try? FileManager.default.removeItem(at: directory) }
        let reopened = try Node.open(configuration: configuration, uploadClock: { clock.withLock { $0 } })
        let records = reopened.uploads.accounts.withLock { $0.records }
        #expect(records.count == 2 && records.values.allSatisfy { $0.uploader == nil && $0.job == nil })
        // Adopted files age from their modification time: move the clock past the junk's retention.
        let junkRecord = try #require(records[StoredContent(kind: .blob, hash: Hash256.sha256(junk))])
        clock.withLock { $0 = junkRecord.storedAt + 59 }
        #expect(await reopened.uploads.collect().items == 0)
        clock.withLock { $0 = junkRecord.storedAt + 61 }
        #expect(await reopened.uploads.collect().items == 1)
        #expect(reopened.blobs.size(of: Hash256.sha256(junk)) == nil)
        #expect(reopened.blobs.size(of: Hash256.sha256(workload)) != nil)
    }
}
