import DepinTestSupport
import MarketAPI
import MarketCore
@testable import MarketClient
import Testing

@Suite("Client requests and errors without a node")
struct MarketClientRequestTests {
    @Test("Base URLs are normalized; bad ones are refused", arguments: [
        ("http://127.0.0.1:8645", "http://127.0.0.1:8645"),
        ("http://127.0.0.1:8645/", "http://127.0.0.1:8645"),
        (" https://node.example:443/prefix// ", "https://node.example:443/prefix"),
    ])
    func normalize(input: String, expected: String) throws {
        #expect(try MarketClient(baseURL: input).baseURL == expected)
    }

    @Test("Not an http(s) URL with a host", arguments: ["127.0.0.1:8645", "ftp://x", "http://", "http://h?x=1", ""])
    func invalid(input: String) {
        #expect(throws: MarketClientError.self) { _ = try MarketClient(baseURL: input) }
    }

    @Test("Query values are percent-encoded, plus signs included")
    func queryEncoding() throws {
        let client = try MarketClient(baseURL: "http://h:1")
        #expect(client.url("/v1/x", query: [("a", "1+2"), ("b", "x y&z")]) == "http://h:1/v1/x?a=1%2B2&b=x%20y%26z")
        #expect(client.url("/v1/x") == "http://h:1/v1/x")
    }

    @Test("Provider and job filters use the node's parameter names")
    func filters() throws {
        let provider = ProviderFilter(
            tier: .prosumer, minMemoryGB: 24, minFreeGPUs: 2, maxRate: Amount(tokens: "0.5"), minAvailabilityBasisPoints: 9_500,
            online: true, sort: "-reputation", offset: 10, limit: 5)
        #expect(provider.queryItems.map(\.0) == ["tier", "minMemoryGB", "minFreeGPUs", "maxRate", "minAvailabilityBps", "online", "sort", "offset", "limit"])
        #expect(provider.queryItems.map(\.1) == ["prosumer", "24", "2", "0.500000", "9500", "true", "-reputation", "10", "5"])
        let address = Address.derived(from: "client")
        let job = JobFilter(status: .pending, client: address)
        #expect(job.queryItems.map(\.0) == ["status", "client"])
        #expect(job.queryItems.last?.1 == address.description)
        #expect(ProviderFilter().queryItems.isEmpty)
    }

    @Test("A node that is not running is reported with how to start one")
    func unreachable() async throws {
        let port = try freeLoopbackPort()
        let client = try MarketClient(baseURL: "http://127.0.0.1:\(port)", retryPolicy: RetryPolicy(maxAttempts: 2, initialDelay: .milliseconds(10)))
        do {
            _ = try await client.status()
            Issue.record("expected the request to fail")
        } catch {
            guard case .unreachable = error else {
                Issue.record("expected unreachable, got \(error)")
                return
            }
            #expect(error.code == 800)
            #expect(error.name == "node-unreachable")
            #expect(error.message.contains("Is the node running at http://127.0.0.1:\(port)?"))
            #expect(!error.message.contains("depin "), "SDK messages name no CLI command")
        }
    }

    @Test("A receipt of a failed or dropped transaction throws its market error; success passes")
    func receipts() throws {
        let id = Hash256.sha256([1, 2, 3])
        let failed = SubmissionReceipt(id: id, nonce: 0, fee: .zero, status: TransactionStatusView(
            status: .committed, id: id, height: 3, success: false, error: MarketError.jobNotFound.apiBody, events: []))
        #expect(throws: MarketClientError.transactionFailed(id: id, MarketError.jobNotFound.apiBody)) { try failed.requireSuccess() }
        let dropped = SubmissionReceipt(id: id, nonce: 0, fee: .zero, status: TransactionStatusView(
            status: .dropped, id: id, error: MarketError.badNonce.apiBody))
        #expect(throws: MarketClientError.self) { try dropped.requireSuccess() }
        var posted = EventView(kind: .jobPosted)
        posted.job = JobID(4)
        let succeeded = SubmissionReceipt(id: id, nonce: 1, fee: .zero, status: TransactionStatusView(
            status: .committed, id: id, height: 3, success: true, events: [posted]))
        #expect(try succeeded.requireSuccess().event(.jobPosted)?.job == JobID(4))
        #expect(succeeded.succeeded)
    }

    @Test("Every client error has the API body shape with a stable code")
    func errorBodies() {
        let hash = Hash256.sha256([0])
        let cases: [(MarketClientError, Int, String)] = [
            (.unreachable(url: "http://x", reason: "refused"), 800, "node-unreachable"),
            (.invalidResponse(url: "http://x", reason: "bad"), 801, "invalid-response"),
            (.stillPending(id: hash, waitedMillis: 10), 802, "still-pending"),
            (.invalidRequest("no"), 803, "invalid-request"),
            (.blobHashMismatch(expected: hash, actual: hash), 707, "blob-hash-mismatch"),
            (.api(status: 404, MarketError.jobNotFound.apiBody), 502, "job-not-found"),
        ]
        for (error, code, name) in cases {
            #expect(error.code == code)
            #expect(error.name == name)
            #expect(error.description.hasPrefix("error \(code) \(name): "))
        }
    }
}
