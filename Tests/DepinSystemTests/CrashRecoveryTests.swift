import AsyncHTTPClient
import DepinTestSupport
import Foundation
import MarketAPI
import MarketCore
import MarketLedger
import Testing

/// Real processes: a node is killed with SIGKILL at random moments while several clients submit
/// signed transactions. Every transaction the node acknowledged as committed must survive, the
/// chain must verify, and its state must equal a full replay from genesis.
@Suite("Crash recovery", .serialized)
struct CrashRecoveryTests {
    static let clients = 4
    static let kills = 10

    /// Acknowledged transactions, shared by the client tasks.
    actor Acknowledgements {
        var committed: [Hash256: BlockHeight] = [:]
        var submitted = 0
        func record(_ id: Hash256, _ height: BlockHeight) { committed[id] = height }
        func countSubmission() { submitted += 1 }
    }

    @Test("Every transaction acknowledged as committed survives repeated kill -9; chain verify passes")
    func acknowledgedTransactionsSurviveKills() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("depin-crash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let keys = try (0..<Self.clients).map { try SigningKey(seed: [UInt8](repeating: UInt8(0x60 + $0), count: 32)) }
        let genesis = GenesisDocument(
            chainID: "depin-crash", genesisTimeMillis: 1_764_000_000_000, governance: keys[0].address,
            parameters: MarketParameters(), allocations: keys.map { .init(address: $0.address, amount: .tokens(1_000_000)) },
            validators: [])
        let genesisFile = directory.appendingPathComponent("genesis.json")
        try genesis.jsonData().write(to: genesisFile)
        let node = NodeProcess(dataDirectory: directory.appendingPathComponent("data"), genesisFile: genesisFile,
                               port: try freeLoopbackPort())
        try FileManager.default.createDirectory(at: node.dataDirectory, withIntermediateDirectories: true)
        let client = HTTPClient.shared

        try node.start()
        try await node.waitUntilHealthy(client: client)
        let acknowledgements = Acknowledgements()
        let stop = ManagedAtomicFlag()
        let submitters = Task {
            await withTaskGroup(of: Void.self) { group in
                for (index, key) in keys.enumerated() {
                    group.addTask {
                        await Self.submitLoop(key: key, recipient: keys[(index + 1) % keys.count].address, genesis: genesis,
                                              node: node, client: client, acknowledgements: acknowledgements, stop: stop)
                    }
                }
            }
        }
        var random = SystemRandomNumberGenerator()
        for _ in 0..<Self.kills {
            try await Task.sleep(for: .milliseconds(Int.random(in: 150...700, using: &random)))
            node.kill9()
            try node.start()
            try await node.waitUntilHealthy(client: client)
        }
        try await Task.sleep(for: .milliseconds(500))
        stop.set()
        await submitters.value

        let acknowledged = await acknowledgements.committed
        #expect(acknowledged.count >= Self.kills, "too few commits to mean anything: \(acknowledged.count)")
        for (id, height) in acknowledged {
            let (status, body) = try await node.get(client, "/v1/transactions/\(id.hex)")
            #expect(status == 200, "acknowledged \(id.hex) lost")
            let view = try JSONDecoder().decode(TransactionStatusView.self, from: body)
            #expect(view.status == .committed && view.height == height, "acknowledged \(id.hex) at \(height): \(view.status)")
        }
        let (_, statusBody) = try await node.get(client, "/v1/status")
        let status = try JSONDecoder().decode(NodeStatusView.self, from: statusBody)
        #expect(node.terminate() == 0, "graceful stop; log: \(node.logTail())")

        // Full replay from genesis: signatures, links, roots, recorded changes and snapshots.
        let verify = try await DepinCLI.run(["chain", "verify", "--data-dir", node.dataDirectory.path, "--json"])
        let report = Data(verify.stdout.utf8)
        #expect(verify.status == 0, "chain verify: \(verify.stdout)")
        struct VerifyReport: Decodable {
            var valid: Bool
            var blocks: UInt64
        }
        let verified = try JSONDecoder().decode(VerifyReport.self, from: report)
        #expect(verified.valid)
        // Every block up to (at least) the height the restarted node reported was replayed and checked.
        #expect(verified.blocks >= status.height + 1, "verified \(verified.blocks) blocks, node was at \(status.height)")
        try? FileManager.default.removeItem(at: directory)
    }

    static func submitLoop(
        key: SigningKey, recipient: Address, genesis: GenesisDocument, node: NodeProcess, client: HTTPClient,
        acknowledgements: Acknowledgements, stop: ManagedAtomicFlag
    ) async {
        var nonce: UInt64?
        var sequence: UInt64 = 0
        while !stop.isSet {
            do {
                if nonce == nil {
                    let (status, body) = try await node.get(client, "/v1/accounts/\(key.address)")
                    guard status == 200 else { throw TestSupportError("HTTP \(status): \(String(decoding: body, as: UTF8.self))") }
                    nonce = try JSONDecoder().decode(AccountView.self, from: body).nonce
                }
                guard let current = nonce else { continue }
                sequence += 1
                let signed = try SignedTransaction.sign(
                    chainID: genesis.chainID, nonce: current, fee: genesis.parameters.minimumTransactionFee,
                    body: .transfer(to: recipient, amount: Amount(microUnits: sequence)), with: key)
                let request = SubmitTransactionRequest(transaction: Hex.encode(signed.signedBytes), wait: true, timeoutMillis: 3_000)
                await acknowledgements.countSubmission()
                let (status, body) = try await node.post(client, "/v1/transactions", json: try JSONEncoder().encode(request))
                let view = try? JSONDecoder().decode(TransactionStatusView.self, from: body)
                if (200..<300).contains(status), let view, view.status == .committed, let height = view.height {
                    await acknowledgements.record(signed.id, height)
                    nonce = current + 1
                } else {
                    nonce = nil
                }
            } catch {
                nonce = nil
                try? await Task.sleep(for: .milliseconds(30))
            }
        }
    }
}

/// A stop flag shared by tasks.
final class ManagedAtomicFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}
