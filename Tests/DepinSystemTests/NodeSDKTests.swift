import AsyncHTTPClient
import DepinTestSupport
import Foundation
import MarketAPI
import MarketClient
import MarketCore
import MarketLedger
import Testing

/// The SDK against a real node process started with `depin node start`.
@Suite("SDK against a running node", .serialized)
struct NodeSDKTests {
    static let keys = (0..<3).map { index in
        // Fixed seeds: the same accounts on every run.
        (try? SigningKey(seed: [UInt8](repeating: UInt8(0x41 + index), count: 32))) ?? SigningKey.generate()
    }

    /// Starts a node with `keys` funded, runs `body`, stops the node (which must exit 0).
    static func withNode(_ body: (MarketClient) async throws -> Void) async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("depin-sdk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        var parameters = MarketParameters()
        parameters.mintingEnabled = true
        let genesis = GenesisDocument(
            chainID: "depin-sdk", genesisTimeMillis: 1_764_000_000_000, governance: keys[0].address, parameters: parameters,
            allocations: keys.map { .init(address: $0.address, amount: .tokens(1_000)) }, validators: [])
        let genesisFile = root.appendingPathComponent("genesis.json")
        try genesis.jsonData().write(to: genesisFile)
        let port = try freeLoopbackPort()
        let node = DepinProcess(
            arguments: ["node", "start", "--data-dir", root.appendingPathComponent("data").path, "--port", String(port),
                        "--genesis", genesisFile.path, "--block-interval-ms", "50"],
            log: root.appendingPathComponent("node.log"))
        try node.start()
        try await node.waitUntilListening()
        let client = try MarketClient(baseURL: "http://127.0.0.1:\(port)")
        do {
            try await body(client)
        } catch {
            _ = await node.terminate(timeout: .seconds(30))
            throw error
        }
        let exit = await node.terminate(timeout: .seconds(30))
        #expect(exit == 0, "node log:\n\(node.output.suffix(2_000))")
    }

    @Test("Reads, submissions in a row and concurrently, failures, nonce re-sync, blobs and events")
    func sdkRoundTrip() async throws {
        try await Self.withNode { client in
            let parameters = try await client.parameters()
            #expect(parameters.chainID == "depin-sdk")
            let status = try await client.status()
            #expect(status.chainID == "depin-sdk")
            #expect(await client.isHealthy())

            let sender = Signer(key: Self.keys[0])
            let recipient = Self.keys[1].address
            let startHeight = try await client.status().height + 1
            let events = client.events(fromHeight: startHeight)

            // Five transfers in a row without waiting, then wait for the last: consecutive nonces.
            var receipts: [SubmissionReceipt] = []
            for _ in 0..<5 {
                receipts.append(try await client.submit(.transfer(to: recipient, amount: .tokens(1)), signedBy: sender, wait: false))
            }
            #expect(receipts.map(\.nonce) == [0, 1, 2, 3, 4])
            let last = try await client.waitForCommit(receipts[4].id, timeout: .seconds(30))
            #expect(last.status == .committed)

            // Ten at once through the same signer: distinct nonces, all committed.
            let concurrent = try await withThrowingTaskGroup(of: SubmissionReceipt.self) { group in
                for _ in 0..<10 {
                    group.addTask { try await client.submit(.transfer(to: recipient, amount: .tokens(1)), signedBy: sender) }
                }
                var all: [SubmissionReceipt] = []
                for try await receipt in group { all.append(receipt) }
                return all
            }
            let allSucceeded = concurrent.allSatisfy(\.succeeded)
            #expect(allSucceeded)
            #expect(Set(concurrent.map(\.nonce)) == Set(5..<15))
            let account = try await client.account(recipient)
            #expect(account.balance == .tokens(1_015))

            // A committed failure comes back as a receipt; requireSuccess throws the market error.
            let failed = try await client.submit(.matchJob(JobID(999)), signedBy: sender)
            #expect(failed.isCommitted && !failed.succeeded)
            #expect(throws: MarketClientError.self) { try failed.requireSuccess() }
            #expect(failed.error?.code == Int(MarketError.jobNotFound.code))

            // Another process used the key meanwhile: the stale local nonce is re-synced.
            let other = Signer(key: Self.keys[0])
            #expect(try await client.submit(.transfer(to: recipient, amount: .tokens(2)), signedBy: other).succeeded)
            let resynced = try await client.submit(.transfer(to: recipient, amount: .tokens(1)), signedBy: sender)
            #expect(resynced.succeeded)
            #expect(resynced.nonce == 17)
            // The other process sends what this one sends next, with the same nonce: identical
            // bytes, so this one moves past the duplicate.
            #expect(try await client.submit(.transfer(to: recipient, amount: .tokens(1)), signedBy: other).nonce == 18)
            let afterDuplicate = try await client.submit(.transfer(to: recipient, amount: .tokens(1)), signedBy: sender)
            #expect(afterDuplicate.succeeded)
            #expect(afterDuplicate.nonce == 19)

            // Reads that fail carry the node's error body.
            do throws(MarketClientError) {
                _ = try await client.job(JobID(12_345))
                Issue.record("expected job-not-found")
            } catch {
                #expect(error.code == Int(MarketError.jobNotFound.code))
                #expect(error.httpStatus == 404)
            }
            let quote = try await client.cost(gpuHours: 10, tier: .prosumer, rate: Amount(tokens: "0.4"))
            #expect(quote.cost == .tokens(4))

            // Blobs: upload, existence, verified download.
            let blob = Array("checkpoint bytes".utf8)
            let stored = try await client.uploadBlob(blob, signedBy: sender)
            let hash = stored.hash
            #expect(hash == Hash256.sha256(blob))
            #expect(stored.size == UInt64(blob.count))
            #expect(try await client.uploadBlob(blob, signedBy: sender) == stored)
            #expect(try await client.hasBlob(hash))
            #expect(try await client.downloadBlob(hash) == blob)
            #expect(try await !client.hasBlob(Hash256.sha256([9, 9, 9])))

            // The event stream saw every transfer, in order, exactly once.
            var transfers = 0
            for try await event in events where event.event.kind == .transferred {
                transfers += 1
                if transfers == 19 { break }
            }
            #expect(transfers == 19)
        }
    }

    @Test("Many concurrent submissions through a client with few connections still all commit")
    func fewConnections() async throws {
        try await Self.withNode { node in
            var configuration = HTTPClient.Configuration()
            configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 2
            let httpClient = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
            let client = try MarketClient(baseURL: node.baseURL, httpClient: httpClient)
            let signer = Signer(key: Self.keys[2])
            let results = await withTaskGroup(of: Bool.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        (try? await client.submit(.transfer(to: Self.keys[0].address, amount: .tokens(1)), signedBy: signer))?.succeeded == true
                    }
                }
                var all: [Bool] = []
                for await result in group { all.append(result) }
                return all
            }
            try await httpClient.shutdown()
            #expect(results == Array(repeating: true, count: 8))
        }
    }
}
