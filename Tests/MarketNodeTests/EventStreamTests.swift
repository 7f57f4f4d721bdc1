import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import MarketAPI
import MarketCore
import MarketLedger
import ServiceLifecycle
import Testing
@testable import MarketNode

@Suite("GET /v1/events: Server-Sent Events")
struct EventStreamTests {
    /// Four blocks, each with one transfer of `height` tokens.
    static func chain(_ node: TestNode) async throws -> [Block] {
        var blocks: [Block] = []
        for amount in 1...4 {
            blocks.append(try await node.commit([(TestKeys.client, .transfer(to: TestKeys.stranger.address, amount: .tokens(UInt64(amount))))]))
        }
        return blocks
    }

    @Test("resuming from a height replays exactly the stored events from there")
    func resumeFromHeight() async throws {
        let node = try TestNode()
        defer { node.remove() }
        let blocks = try await Self.chain(node)
        try await node.app.test(.router) { client in
            let reply = try await client.get("/v1/events?fromHeight=2&toHeight=3")
            #expect(reply.status == 200 && reply.header("content-type")?.hasPrefix("text/event-stream") == true)
            let events = SSEMessage.parse(reply.text).filter { $0.data != nil }
            #expect(events.map(\.id) == ["2", "3"] && events.map(\.event) == ["transferred", "transferred"])
            let decoded = try events.compactMap { try $0.decoded() }
            #expect(decoded.map(\.height) == [2, 3])
            #expect(decoded.map(\.transactionID) == [blocks[1].transactions[0].id, blocks[2].transactions[0].id])
            #expect(decoded.map(\.event.amount) == [.tokens(2), .tokens(3)] && decoded.allSatisfy { $0.transaction == 0 })
        }
    }

    @Test("Last-Event-ID resumes after that height")
    func lastEventID() async throws {
        let node = try TestNode()
        defer { node.remove() }
        _ = try await Self.chain(node)
        try await node.app.test(.router) { client in
            var headers = HTTPFields()
            if let name = HTTPField.Name("Last-Event-ID") { headers[name] = "2" }
            let reply = try await client.send(.get, "/v1/events?toHeight=4", headers: headers)
            #expect(SSEMessage.parse(reply.text).compactMap(\.id) == ["3", "4"])
            // A header that is not a height is refused even when fromHeight decides the start.
            var bad = HTTPFields()
            if let name = HTTPField.Name("Last-Event-ID") { bad[name] = "18446744073709551615" }
            try await client.send(.get, "/v1/events?fromHeight=0&toHeight=0", headers: bad).expectError(400, code: 701)
        }
    }

    @Test("replays what is stored, then follows new blocks until toHeight")
    func replayThenFollow() async throws {
        let node = try TestNode()
        defer { node.remove() }
        _ = try await Self.chain(node)
        try await node.app.test(.router) { client in
            async let streamed = client.get("/v1/events?fromHeight=3&toHeight=6")
            try await node.commit([(TestKeys.client, .transfer(to: TestKeys.stranger.address, amount: .tokens(5)))])
            try await node.commit([(TestKeys.client, .transfer(to: TestKeys.stranger.address, amount: .tokens(6)))])
            let reply = try await streamed
            let decoded = try SSEMessage.parse(reply.text).compactMap { try $0.decoded() }
            #expect(decoded.map(\.height) == [3, 4, 5, 6])
            #expect(decoded.map(\.event.amount) == [.tokens(3), .tokens(4), .tokens(5), .tokens(6)])
        }
    }

    @Test("bad ranges are 400; the stream count is bounded (503 unavailable)")
    func limits() async throws {
        let node = try TestNode { $0.maxEventStreams = 1 }
        defer { node.remove() }
        _ = try await Self.chain(node)
        try await node.app.test(.router) { client in
            try await client.get("/v1/events?fromHeight=3&toHeight=2").expectError(400, code: 709)
            try await client.get("/v1/events?fromHeight=x").expectError(400, code: 709)
            async let held = client.get("/v1/events?fromHeight=5&toHeight=5")
            for _ in 0..<4_000 where node.node.eventStreams.current == 0 { try await Task.sleep(for: .milliseconds(5)) }
            try await client.get("/v1/events?fromHeight=1&toHeight=1").expectError(503, code: 711)
            try await node.commit([(TestKeys.client, .transfer(to: TestKeys.stranger.address, amount: .tokens(5)))])
            #expect(SSEMessage.parse((try await held).text).compactMap(\.id) == ["5"])
            #expect(node.node.eventStreams.current == 0)
            #expect(try await client.get("/v1/events?fromHeight=1&toHeight=1").status == 200)
        }
    }

    @Test("idle streams get heartbeat comments")
    func heartbeat() async throws {
        let node = try TestNode()
        defer { node.remove() }
        let sink = BodySink()
        let stream = EventStream(ledger: node.ledger, chain: node.node.chain, start: 1, end: 1, heartbeat: .milliseconds(10))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                var writer: any ResponseBodyWriter = CollectingWriter(sink: sink)
                try await stream.run(writer: &writer)
            }
            try await sink.wait { $0.contains(": heartbeat") }
            try await node.produceBlock()
            try await group.waitForAll()
        }
        #expect(sink.finished)
    }

    @Test("a graceful shutdown ends an open stream cleanly")
    func endsOnShutdown() async throws {
        let node = try TestNode()
        defer { node.remove() }
        let sink = BodySink()
        let stream = EventStream(ledger: node.ledger, chain: node.node.chain, start: 1, end: nil, heartbeat: .seconds(15))
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: [StreamService(stream: stream, sink: sink)], logger: Logger(label: "test")))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            try await node.commit([(TestKeys.client, .transfer(to: TestKeys.stranger.address, amount: .tokens(1)))])
            try await sink.wait { $0.contains("id: 1\n") }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        #expect(sink.finished)
        #expect(SSEMessage.parse(sink.text).compactMap(\.id) == ["1"])
    }

    struct StreamService: Service {
        let stream: EventStream
        let sink: BodySink

        func run() async throws {
            var writer: any ResponseBodyWriter = CollectingWriter(sink: sink)
            try await stream.run(writer: &writer)
        }
    }
}
