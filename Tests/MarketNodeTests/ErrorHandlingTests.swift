import Foundation
import HummingbirdTesting
import MarketAPI
import Testing
@testable import MarketNode

@Suite("Errors are JSON {code, name, message} with a fitting status")
struct ErrorHandlingTests {
    @Test("unknown paths are 404 not-found", arguments: ["/v2/stats", "/v1", "/v1/nothing", "/v1/jobs/1/extra", "/favicon.ico"])
    func unknownPath(path: String) async throws {
        let node = try TestNode()
        defer { node.remove() }
        try await node.app.test(.router) { client in
            let reply = try await client.get(path)
            reply.expectError(404, code: 704)
            #expect(reply.error?.name == "not-found" && reply.error?.message.isEmpty == false)
        }
    }

    @Test("a known path with another method is 405 with Allow")
    func wrongMethod() async throws {
        let node = try TestNode()
        defer { node.remove() }
        try await node.app.test(.router) { client in
            let reply = try await client.send(.delete, "/v1/accounts/\(TestKeys.client.address)")
            reply.expectError(405, code: 705)
            #expect(reply.header("allow") == "GET")
            try await client.send(.post, "/v1/stats", body: "{}").expectError(405, code: 705)
            #expect(try await client.send(.get, "/v1/transactions").header("allow") == "POST")
        }
    }

    @Test("query parameters an endpoint does not take are 400 invalid-query")
    func unknownQuery() async throws {
        let node = try TestNode()
        defer { node.remove() }
        try await node.app.test(.router) { client in
            // `?verbose` (a key without a value) is still a key the endpoint does not take.
            for path in ["/v1/stats?x=1", "/v1/status?verbose", "/healthz?deep=true", "/v1/blocks/latest?full=1"] {
                try await client.get(path).expectError(400, code: 709)
            }
        }
    }

    @Test("rate limit: a client past its burst gets 429 rate-limited with Retry-After; probes are exempt")
    func rateLimit() async throws {
        // The clock never advances, so exactly `burst` requests pass.
        let node = try TestNode(frozenRateLimitClock: true) { configuration in
            configuration.rateLimitPerSecond = 2
            configuration.rateLimitBurst = 3
        }
        defer { node.remove() }
        try await node.app.test(.router) { client in
            for _ in 0..<3 { #expect(try await client.get("/v1/status").status == 200) }
            let limited = try await client.get("/v1/status")
            limited.expectError(429, code: 706)
            #expect(limited.header("retry-after") == "1")
            try await client.get("/v1/stats").expectError(429, code: 706)
            #expect(try await client.get("/healthz").status == 200)
            #expect(try await client.get("/metrics").status == 200)
        }
    }

    @Test("token buckets refill at the configured rate, per client")
    func tokenBuckets() {
        var buckets = TokenBuckets(ratePerSecond: 2, burst: 2)
        #expect(buckets.take(client: "a", now: .zero) == .allowed)
        #expect(buckets.take(client: "a", now: .zero) == .allowed)
        #expect(buckets.take(client: "a", now: .zero) == .limited(retryAfterSeconds: 1))
        #expect(buckets.take(client: "b", now: .zero) == .allowed)
        #expect(buckets.take(client: "a", now: .milliseconds(250)) == .limited(retryAfterSeconds: 1))
        #expect(buckets.take(client: "a", now: .milliseconds(600)) == .allowed)
        #expect(buckets.take(client: "a", now: .seconds(100)) == .allowed)
        #expect(buckets.take(client: "a", now: .seconds(100)) == .allowed)
        #expect(buckets.take(client: "a", now: .seconds(100)) == .limited(retryAfterSeconds: 1))
    }

    @Test("the client table stays bounded under many addresses")
    func tokenBucketsBounded() {
        var buckets = TokenBuckets(ratePerSecond: 1, burst: 1, capacity: 100)
        for index in 0..<1_000 {
            _ = buckets.take(client: "client-\(index)", now: .zero)
            #expect(buckets.buckets.count <= 100)
        }
    }

    @Test("a full client table fails closed: new clients wait, tracked clients keep their debt")
    func rateLimiterFailsClosed() {
        var buckets = TokenBuckets(ratePerSecond: 1, burst: 2, capacity: 3)
        for client in ["a", "b", "c"] {
            #expect(buckets.take(client: client, now: .zero) == .allowed)
            #expect(buckets.take(client: client, now: .zero) == .allowed)
        }
        // Every tracked client is active: a newcomer is refused rather than everyone forgotten.
        for index in 0..<1_000 {
            #expect(buckets.take(client: "new-\(index)", now: .milliseconds(100)) == .limited(retryAfterSeconds: 2))
        }
        #expect(buckets.buckets.count == 3)
        #expect(buckets.take(client: "a", now: .milliseconds(100)) == .limited(retryAfterSeconds: 1))
        // Once a bucket has refilled it is forgotten and the newcomer gets in.
        #expect(buckets.take(client: "b", now: .milliseconds(1_000)) == .allowed)
        #expect(buckets.take(client: "new-0", now: .milliseconds(2_100)) == .allowed)
        #expect(buckets.buckets.keys.sorted() == ["b", "new-0"])
    }
}
