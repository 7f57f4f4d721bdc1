import Foundation
import HummingbirdTesting
import MarketAPI
import MarketCore
import MarketLedger
import Testing
@testable import MarketNode

@Suite("POST /v1/transactions and GET /v1/transactions/{id}")
struct TransactionRouteTests {
    static func body(_ transaction: SignedTransaction, wait: Bool? = nil, timeoutMillis: Int? = nil) throws -> String {
        let request = SubmitTransactionRequest(transaction: Hex.encode(transaction.signedBytes), wait: wait, timeoutMillis: timeoutMillis)
        return String(decoding: try JSONEncoder().encode(request), as: UTF8.self)
    }

    static let transfer = TransactionBody.transfer(to: TestKeys.stranger.address, amount: .tokens(5))

    @Test("submit without wait is 202 pending; after the block the status is committed with events")
    func submitThenCommit() async throws {
        let node = try TestNode()
        defer { node.remove() }
        let transaction = try node.sign(TestKeys.client, Self.transfer, nonce: 0)
        try await node.app.test(.router) { client in
            let submitted = try await client.send(.post, "/v1/transactions", body: try Self.body(transaction))
            #expect(submitted.status == 202, "\(submitted.text)")
            #expect(submitted.header("location") == "/v1/transactions/\(transaction.id.hex)")
            let pending: TransactionStatusView = try submitted.decode()
            #expect(pending.status == .pending && pending.id == transaction.id)
            #expect(try await client.get("/v1/transactions/\(transaction.id.hex)", as: TransactionStatusView.self).status == .pending)

            let block = try await node.produceBlock()
            let committed = try await client.get("/v1/transactions/\(transaction.id.hex)", as: TransactionStatusView.self)
            #expect(committed.status == .committed && committed.success == true)
            #expect(committed.height == block.height && committed.position == 0 && committed.blockHash == block.hash)
            #expect(committed.events?.first?.kind == .transferred)
            #expect(committed.events?.first?.amount == .tokens(5))
            let account = try await client.get("/v1/accounts/\(TestKeys.stranger.address)", as: AccountView.self)
            #expect(account.balance == .tokens(5))
        }
    }

    @Test("submit with wait returns 200 committed with the events once the block is durable")
    func submitAndWait() async throws {
        let node = try TestNode { $0.blockIntervalMillis = 20 }
        defer { node.remove() }
        let transaction = try node.sign(TestKeys.client, Self.transfer, nonce: 0)
        try await node.app.test(.router) { client in
            let reply = try await client.send(.post, "/v1/transactions", body: try Self.body(transaction, wait: true, timeoutMillis: 30_000))
            #expect(reply.status == 200, "\(reply.text)")
            let status: TransactionStatusView = try reply.decode()
            #expect(status.status == .committed && status.success == true && status.error == nil)
            #expect(status.events?.map(\.kind) == [.transferred])
            let height = try #require(status.height)
            #expect(try node.node.chain.block(at: height)?.transactions.first?.id == transaction.id)
        }
    }

    @Test("a committed transaction whose rule failed reports success false and the market error")
    func committedFailure() async throws {
        let node = try TestNode()
        defer { node.remove() }
        let transaction = try node.sign(TestKeys.client, .cancelJob(JobID(99)), nonce: 0)
        try await node.app.test(.router) { client in
            _ = try await client.send(.post, "/v1/transactions", body: try Self.body(transaction))
            try await node.produceBlock()
            let status = try await client.get("/v1/transactions/\(transaction.id.hex)", as: TransactionStatusView.self)
            #expect(status.status == .committed && status.success == false)
            #expect(status.error?.code == 502 && status.error?.name == "job-not-found")
        }
    }

    @Test("ledger errors map to their codes and statuses")
    func ledgerErrors() async throws {
        let node = try TestNode()
        defer { node.remove() }
        let good = try node.sign(TestKeys.client, Self.transfer, nonce: 0)
        var flipped = good.signedBytes
        flipped[flipped.count - 1] ^= 0x01
        let tampered = flipped
        let wrongChain = try node.sign(TestKeys.client, Self.transfer, nonce: 0, chainID: "other-chain")
        let gap = try node.sign(TestKeys.client, Self.transfer, nonce: 5_000)
        let broke = try node.sign(TestKeys.stranger, Self.transfer, nonce: 0)
        try await node.app.test(.router) { client in
            func submit(_ hex: String) async throws -> Reply {
                try await client.send(.post, "/v1/transactions", body: #"{"transaction":"\#(hex)"}"#)
            }
            try await submit(Hex.encode(tampered)).expectError(400, code: 601)
            try await submit(Hex.encode(wrongChain.signedBytes)).expectError(400, code: 600)
            try await submit("01ff").expectError(400, code: 604)
            try await submit("00ff").expectError(400, code: 613)
            #expect(try await submit(Hex.encode(good.signedBytes)).status == 202)
            try await submit(Hex.encode(good.signedBytes)).expectError(409, code: 605)
            try await submit(Hex.encode(gap.signedBytes)).expectError(422, code: 607)
            try await submit(Hex.encode(broke.signedBytes)).expectError(422, code: 621)
            try await node.produceBlock()
            try await submit(Hex.encode(good.signedBytes)).expectError(409, code: 605)
            let reuse = try node.sign(TestKeys.client, .transfer(to: TestKeys.stranger.address, amount: .tokens(1)), nonce: 0)
            try await submit(Hex.encode(reuse.signedBytes)).expectError(409, code: 606)
        }
    }

    @Test("request body errors: malformed, wrong type, missing, unknown, not hex, bad timeout, too large", arguments: [
        (#"{"transaction": "ab""#, 400, 700),
        ("not json", 400, 700),
        ("", 400, 700),
        ("[1, 2]", 400, 700),
        (#"{"transaction": 5}"#, 400, 701),
        (#"{"transaction": "abcd", "wait": "yes"}"#, 400, 701),
        (#"{"transaction": null}"#, 400, 701),
        (#"{"wait": true}"#, 400, 701),
        (#"{"transaction": "abcd", "fee": 1}"#, 400, 702),
        (#"{"transaction": "xyz1"}"#, 400, 701),
        (#"{"transaction": "abc"}"#, 400, 701),
        (#"{"transaction": ""}"#, 400, 701),
        (#"{"transaction": "abcd", "timeoutMillis": 0}"#, 400, 701),
        (#"{"transaction": "abcd", "timeoutMillis": 60001}"#, 400, 701),
        (#"{"transaction": "\#(String(repeating: "ab", count: 2_000))"}"#, 413, 703),
    ])
    func bodyErrors(body: String, status: Int, code: Int) async throws {
        let node = try TestNode { $0.maxBodyBytes = 2_048 }
        defer { node.remove() }
        try await node.app.test(.router) { client in
            try await client.send(.post, "/v1/transactions", body: body).expectError(status, code: code)
        }
    }

    @Test("GET /v1/transactions/{id}: unknown is 404, a malformed id is 400")
    func statusErrors() async throws {
        let node = try TestNode()
        defer { node.remove() }
        try await node.app.test(.router) { client in
            try await client.get("/v1/transactions/\(String(repeating: "0", count: 64))").expectError(404, code: 704)
            try await client.get("/v1/transactions/xyz").expectError(400, code: 701)
            try await client.get("/v1/transactions/\(String(repeating: "0", count: 64))?verbose=1").expectError(400, code: 709)
        }
    }
}
