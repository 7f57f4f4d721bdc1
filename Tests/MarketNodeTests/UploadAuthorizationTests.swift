import Foundation
import Hummingbird
import HummingbirdTesting
import MarketAPI
import MarketCore
import MarketLedger
import Testing
@testable import MarketNode

@Suite("Uploads are signed by an account with a reason to upload, within quotas")
struct UploadAuthorizationTests {
    static func bytes(_ count: Int, salt: UInt8 = 0) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7 &+ Int(salt)) }
    }

    static func body(_ hashes: [Hash256]) -> String {
        #"{"checkpoints":[\#(hashes.map { "\"\($0.hex)\"" }.joined(separator: ","))]}"#
    }

    static func stored(_ node: TestNode, _ bytes: [UInt8]) -> Bool {
        node.node.blobs.size(of: Hash256.sha256(bytes)) != nil
    }

    @Test("an unsigned, forged, replayed-for-other-bytes, wrong-chain or expired upload is 401 upload-unauthorized and stores nothing")
    func unauthorized() async throws {
        let node = try TestNode()
        defer { node.remove() }
        let content = Self.bytes(5_000)
        let other = Self.bytes(5_000, salt: 1)
        let path = "/v1/blobs/\(Hash256.sha256(content).hex)"
        // A signature made for other bytes, carried over to these.
        var replayed = UploadHeaders.unsigned(content)
        replayed[UploadHeaders.name] = try UploadHeaders.blob(other, by: TestKeys.client)[UploadHeaders.name]
        // A valid signature whose key field names someone else.
        var forged = try UploadHeaders.blob(content, by: TestKeys.client)
        let foreignKey = Hex.encode(TestKeys.otherClient.publicKey)
        forged[UploadHeaders.name] = forged[UploadHeaders.name].map { header in
            header.replacingOccurrences(of: Hex.encode(TestKeys.client.publicKey), with: foreignKey)
        }
        var garbage = UploadHeaders.unsigned(content)
        garbage[UploadHeaders.name] = "let me in"
        let attempts: [HTTPFields] = [
            UploadHeaders.unsigned(content), garbage, replayed, forged,
            try UploadHeaders.blob(content, by: TestKeys.client, chainID: "another-chain"),
            try UploadHeaders.blob(content, by: TestKeys.client, expiresAt: TestNode.uploadNow - 1),
            try UploadHeaders.blob(content, by: TestKeys.client, expiresAt: TestNode.uploadNow + 601),
        ]
        try await node.app.test(.router) { client in
            for headers in attempts {
                try await client.send(.put, path, bytes: content, headers: headers).expectError(401, code: 712)
            }
            #expect(try await client.send(.head, path).status == 404)
            try await client.send(.put, "/v1/manifests", body: Self.body([Hash256.sha256(content)])).expectError(401, code: 712)
        }
        #expect(!Self.stored(node, content))
    }

    @Test("an account without a balance cannot upload; a job's data comes only from its client or its providers")
    func forbidden() async throws {
        let node = try TestNode(parameters: MarketScenario.parameters)
        defer { node.remove() }
        try await MarketScenario.build(on: node)
        let content = Self.bytes(2_000)
        let path = "/v1/blobs/\(Hash256.sha256(content).hex)"
        try await node.app.test(.router) { client in
            // A fresh key holds nothing: no reason to store anything.
            try await client.send(.put, path, bytes: content, headers: try UploadHeaders.blob(content, by: TestKeys.stranger))
                .expectError(403, code: 713)
            // Job 1 belongs to `client` and runs on P0: the other client and an unassigned provider are strangers to it.
            for key in [TestKeys.otherClient, MarketScenario.p1] {
                try await client.send(.put, path, bytes: content, headers: try UploadHeaders.blob(content, by: key, job: JobID(1)))
                    .expectError(403, code: 713)
            }
            try await client.send(.put, path, bytes: content, headers: try UploadHeaders.blob(content, by: TestKeys.client, job: JobID(99)))
                .expectError(403, code: 713)
            #expect(!Self.stored(node, content))
            // Manifests only from a provider assigned to the job, with the spec's number of checkpoints.
            let nine = (0..<9).map { Hash256.sha256([UInt8($0)]) }
            try await client.send(.put, "/v1/manifests", body: Self.body(nine), headers: try UploadHeaders.manifest(nine, by: TestKeys.client, job: JobID(1)))
                .expectError(403, code: 713)
            try await client.send(.put, "/v1/manifests", body: Self.body(nine), headers: try UploadHeaders.manifest(nine, by: MarketScenario.p0, job: nil))
                .expectError(403, code: 713)
            let five = Array(nine.prefix(5))
            try await client.send(.put, "/v1/manifests", body: Self.body(five), headers: try UploadHeaders.manifest(five, by: MarketScenario.p0, job: JobID(1)))
                .expectError(400, code: 701)
            #expect(try await client.send(.put, "/v1/manifests", body: Self.body(nine), headers: try UploadHeaders.manifest(nine, by: MarketScenario.p0, job: JobID(1))).status == 201)
            // The assigned provider's checkpoints and the client's data for its own job are welcome.
            #expect(try await client.send(.put, path, bytes: content, headers: try UploadHeaders.blob(content, by: MarketScenario.p0, job: JobID(1))).status == 201)
            let data = Self.bytes(3_000)
            #expect(try await client.send(.put, "/v1/blobs/\(Hash256.sha256(data).hex)", bytes: data, headers: try UploadHeaders.blob(data, by: TestKeys.client, job: JobID(1))).status == 201)
        }
    }

    @Test("unreferenced uploads stop at the account quota; once a job names them they count against the job")
    func accountQuota() async throws {
        let node = try TestNode(parameters: MarketScenario.parameters) { $0.uploadAccountQuotaBytes = 16_384 }
        defer { node.remove() }
        let workload = Array("workload".utf8)  // job 1's workloadHash in `Market.job`
        let first = Self.bytes(8_000)
        let second = Self.bytes(8_000, salt: 2)
        try await node.app.test(.router) { client in
            func put(_ bytes: [UInt8], by key: SigningKey = TestKeys.client) async throws -> Reply {
                try await client.send(.put, "/v1/blobs/\(Hash256.sha256(bytes).hex)", bytes: bytes, headers: try UploadHeaders.blob(bytes, by: key))
            }
            #expect(try await put(workload).status == 201)  // charged 4096 (the minimum)
            #expect(try await put(first).status == 201)
            try await put(second).expectError(413, code: 714)
            #expect(!Self.stored(node, second))
            // Another account's quota is its own.
            #expect(try await put(second, by: TestKeys.otherClient).status == 201)
            // Re-uploading what is stored costs nothing.
            #expect(try await put(first).status == 200)
            // Post-job names the workload: it moves to the job and frees the client's quota.
            try await MarketScenario.build(on: node)
            let third = Self.bytes(4_000, salt: 3)
            #expect(try await put(third).status == 201)
        }
        let charged = node.node.uploads.accounts.withLock { $0.usage(.account(TestKeys.client.address)) }
        #expect(charged == 8_000 + 4_096)
        #expect(node.node.uploads.accounts.withLock { $0.usage(.job(JobID(1))) } == 4_096)
    }

    @Test("a provider stores at most segmentCount + 1 checkpoints per assignment, and a job at most its quota")
    func jobQuota() async throws {
        let node = try TestNode(parameters: MarketScenario.parameters) { $0.uploadJobQuotaBytes = 100_000 }
        defer { node.remove() }
        try await MarketScenario.build(on: node)
        try await node.app.test(.router) { client in
            func put(_ bytes: [UInt8], by key: SigningKey) async throws -> Reply {
                try await client.send(.put, "/v1/blobs/\(Hash256.sha256(bytes).hex)", bytes: bytes, headers: try UploadHeaders.blob(bytes, by: key, job: JobID(1)))
            }
            for index in 0..<9 { #expect(try await put(Self.bytes(1_000, salt: UInt8(index)), by: MarketScenario.p0).status == 201) }
            try await put(Self.bytes(1_000, salt: 9), by: MarketScenario.p0).expectError(413, code: 714)
            // 9 x 4096 charged; the client fills the rest of the job quota and no more.
            #expect(try await put(Self.bytes(60_000, salt: 10), by: TestKeys.client).status == 201)
            try await put(Self.bytes(5_000, salt: 11), by: TestKeys.client).expectError(413, code: 714)
        }
    }

    @Test("a disk reserve larger than the free space refuses uploads with 507 while blocks keep committing")
    func diskReserve() async throws {
        let node = try TestNode { $0.diskReserveBytes = 1 << 50 }
        defer { node.remove() }
        let content = Self.bytes(10_000)
        try await node.app.test(.router) { client in
            let path = "/v1/blobs/\(Hash256.sha256(content).hex)"
            let refused = try await client.send(.put, path, bytes: content, headers: try UploadHeaders.blob(content, by: TestKeys.client))
            refused.expectError(507, code: 715)
            #expect(refused.error?.name == "insufficient-storage")
            #expect(try await client.send(.head, path).status == 404)
        }
        let before = await node.ledger.tip.height
        try await node.commit([(TestKeys.client, .transfer(to: TestKeys.stranger.address, amount: .tokens(1)))])
        try await node.produceBlock()
        #expect(await node.ledger.tip.height == before + 2)
        #expect(await node.ledger.state.accounts[TestKeys.stranger.address]?.balance == .tokens(1))
        #expect(try FileManager.default.contentsOfDirectory(atPath: node.node.blobs.temporaryDirectory).isEmpty)
    }
}
