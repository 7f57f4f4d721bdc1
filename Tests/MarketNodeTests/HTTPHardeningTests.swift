import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MarketCore
import Testing
@testable import MarketNode

/// The floods of the HTTP attack report, each played against a node serving on a real loopback
/// socket: half-sent requests are cut off, one client cannot take every connection or event
/// stream, and oversized or broken requests get the API's JSON error body.
@Suite("HTTP hardening")
struct HTTPHardeningTests {
    /// Serves a test node configured by `configure` on a free port while `body` runs.
    static func serving(
        _ configure: @escaping (inout NodeConfiguration) -> Void, _ body: (EmbeddedNode) async throws -> Void
    ) async throws {
        let node = try TestNode(configure: configure)
        defer { node.remove() }
        let embedded = try await EmbeddedNode.start(node: node.node)
        do {
            try await body(embedded)
        } catch {
            try await embedded.stop()
            throw error
        }
        try await embedded.stop()
    }

    @Test("slowloris: connections that never finish their headers are closed after the header timeout")
    func slowloris() async throws {
        try await Self.serving({ $0.headerTimeoutMillis = 300 }) { node in
            let attackers = try (0..<20).map { _ in try RawConnection(port: node.port) }
            for attacker in attackers { await attacker.send("GET /v1/status HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ") }
            // Keep dripping header bytes: partial header data is no progress.
            for attacker in attackers { await attacker.send("a") }
            for attacker in attackers {
                let (text, closed) = await attacker.readToEnd()
                #expect(closed, "the node kept a half-sent request open")
                #expect(text.isEmpty, "unexpected answer: \(text)")
            }
            // An honest client is served meanwhile and after.
            #expect(try await HTTPProbe.status(port: node.port, path: "/v1/status") == 200)
        }
    }

    @Test("an idle connection that never sends a request is closed too")
    func idleConnection() async throws {
        try await Self.serving({ $0.headerTimeoutMillis = 300 }) { node in
            let idle = try RawConnection(port: node.port)
            #expect(await idle.readToEnd().closed)
        }
    }

    @Test("a body dripped a byte at a time past the body timeout is answered 408 request-timeout and closed")
    func bodyDrip() async throws {
        try await Self.serving({ configuration in
            configuration.headerTimeoutMillis = 60_000
            configuration.bodyTimeoutMillis = 500
        }) { node in
            let attacker = try RawConnection(port: node.port)
            await attacker.send("PUT /v1/manifests HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{")
            attacker.receiveTimeout = .milliseconds(50)
            var collected: [UInt8] = []
            var closed = false
            // Each drip is far inside the idle timeout; only the body deadline can end this.
            for _ in 0..<2_000 where !closed {
                await attacker.send(" ")
                switch await attacker.receive() {
                case .bytes(let bytes): collected += bytes
                case .closed: closed = true
                case .nothing: break
                }
            }
            #expect(closed, "the node kept a dripping body open")
            let response = RawResponse(String(decoding: collected, as: UTF8.self))
            #expect(response.status == 408, "\(response.head)")
            #expect(response.errorCode == 720, "\(response.body)")
        }
    }

    @Test("one client cannot hold more than its event streams; others still connect", .timeLimit(.minutes(2)))
    func streamCapPerClient() async throws {
        try await Self.serving({ $0.maxEventStreamsPerClient = 2 }) { node in
            let request = "GET /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
            let streams = try (0..<2).map { _ in try RawConnection(port: node.port) }
            for stream in streams {
                await stream.send(request)
                #expect(await RawResponse(stream.read(until: "\r\n\r\n")).status == 200)
            }
            let third = try RawConnection(port: node.port)
            await third.send(request)
            let refused = await RawResponse(third.read(until: "}"))
            #expect(refused.status == 429, "\(refused.head)")
            #expect(refused.errorCode == 719, "\(refused.body)")
            #expect(refused.header("content-type")?.hasPrefix("application/json") == true)
            // Another client address still gets its streams.
            let other = try RawConnection(port: node.port, source: "127.0.0.2")
            await other.send(request)
            #expect(await RawResponse(other.read(until: "\r\n\r\n")).status == 200)
            #expect(node.node.eventStreamsPerClient.current(client: "127.0.0.1") == 2)
        }
    }

    @Test("one client cannot hold more than its connections; others still connect", .timeLimit(.minutes(2)))
    func connectionCapPerClient() async throws {
        try await Self.serving({ $0.maxConnectionsPerClient = 3 }) { node in
            var held = try (0..<3).map { _ in try RawConnection(port: node.port) }
            for connection in held {
                await connection.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                #expect(await RawResponse(connection.read(until: "}")).status == 200)
            }
            let fourth = try RawConnection(port: node.port)
            await fourth.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            let (text, closed) = await fourth.readToEnd()
            #expect(closed && text.isEmpty, "the fourth connection was served: \(text)")
            let other = try RawConnection(port: node.port, source: "127.0.0.2")
            await other.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            #expect(await RawResponse(other.read(until: "}")).status == 200)
            // A closed connection gives its slot back.
            held.removeLast()
            var servedAgain = false
            for _ in 0..<200 where !servedAgain {
                let again = try RawConnection(port: node.port)
                await again.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                servedAgain = await RawResponse(again.read(until: "}")).status == 200
                if !servedAgain { try await Task.sleep(for: .milliseconds(10)) }
            }
            #expect(servedAgain)
            #expect(held.count == 2)
        }
    }

    @Test("oversized request lines and headers are 431 headers-too-large, as JSON", arguments: [
        "GET /v1/status HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: \(String(repeating: "a", count: 100_000))\r\n\r\n",
        "GET /v1/status?\(String(repeating: "a", count: 20_000)) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
        "GET /v1/status HTTP/1.1\r\nHost: 127.0.0.1\r\n" + (0..<200).map { "X-H\($0): 1\r\n" }.joined() + "\r\n",
    ])
    func oversizedHeaders(request: String) async throws {
        try await Self.serving({ _ in }) { node in
            let connection = try RawConnection(port: node.port)
            await connection.send(request)
            let (text, closed) = await connection.readToEnd()
            let response = RawResponse(text)
            #expect(response.status == 431, "\(response.head)")
            #expect(response.errorCode == 717, "\(response.body)")
            #expect(response.header("content-type")?.hasPrefix("application/json") == true)
            #expect(closed)
        }
    }

    @Test("a request that is not HTTP is 400 malformed-request, as JSON")
    func malformedRequest() async throws {
        try await Self.serving({ _ in }) { node in
            let connection = try RawConnection(port: node.port)
            await connection.send("HELLO THERE\r\n\r\n")
            let response = await RawResponse(connection.readToEnd().text)
            #expect(response.status == 400, "\(response.head)")
            #expect(response.errorCode == 718, "\(response.body)")
        }
    }

    @Test("JSON endpoints refuse text/plain and form bodies with 415; JSON with parameters and no type still pass")
    func unsupportedMediaType() async throws {
        let node = try TestNode()
        defer { node.remove() }
        let manifest = #"{"checkpoints":["\#(Hash256.sha256(Array("c0".utf8)).hex)"]}"#
        try await node.app.test(.router) { client in
            for type in ["text/plain", "text/plain; charset=utf-8", "application/x-www-form-urlencoded", "multipart/form-data"] {
                let headers: HTTPFields = [.contentType: type]
                try await client.send(.post, "/v1/transactions", body: #"{"transaction":"01"}"#, headers: headers)
                    .expectError(415, code: 716)
                try await client.send(.put, "/v1/manifests", body: manifest, headers: headers).expectError(415, code: 716)
            }
            // JSON with parameters, or no type at all, passes the media-type check and reaches the
            // next gate: these unsigned uploads are refused by upload authorization (401 712), not 415.
            let json: HTTPFields = [.contentType: "Application/JSON; charset=utf-8"]
            try await client.send(.put, "/v1/manifests", body: manifest, headers: json).expectError(401, code: 712)
            try await client.send(.put, "/v1/manifests", body: manifest).expectError(401, code: 712)
            // Blobs are raw bytes of any kind: their name, not their type, says what they are.
            let blob = Array("plain text checkpoint".utf8)
            let text: HTTPFields = [.contentType: "text/plain"]
            try await client.send(.put, "/v1/blobs/\(Hash256.sha256(blob).hex)", bytes: blob, headers: text)
                .expectError(401, code: 712)
        }
    }
}
