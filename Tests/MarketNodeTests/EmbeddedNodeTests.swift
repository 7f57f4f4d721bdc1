import Foundation
import MarketCore
import Testing
@testable import MarketNode

@Suite("Embedded node")
struct EmbeddedNodeTests {
    @Test("start reports the port it bound and serves until stopped")
    func startsAndStops() async throws {
        let node = try TestNode()
        defer { node.remove() }
        let embedded = try await EmbeddedNode.start(node: node.node)
        #expect(embedded.port > 0)
        #expect(embedded.baseURL == "http://127.0.0.1:\(embedded.port)")
        #expect(try await HTTPProbe.status(port: embedded.port, path: "/healthz") == 200)
        try await embedded.stop()
        await #expect(throws: (any Error).self) { try await HTTPProbe.status(port: embedded.port, path: "/healthz") }
    }

    @Test("a port in use is a start error that names the address, not a wait that never ends")
    func portInUse() async throws {
        let first = try TestNode()
        defer { first.remove() }
        let running = try await EmbeddedNode.start(node: first.node)
        let second = try TestNode { $0.port = running.port }
        defer { second.remove() }
        do {
            let unexpected = try await EmbeddedNode.start(node: second.node)
            try await unexpected.stop()
            Issue.record("a second node bound port \(running.port)")
        } catch let error as NodeStartError {
            guard case .listen(let host, let port, let reason) = error else {
                Issue.record("expected a listen error, got \(error)")
                return
            }
            #expect(host == "127.0.0.1")
            #expect(port == running.port)
            #expect(!reason.isEmpty)
            #expect(error.description.hasPrefix("cannot listen on 127.0.0.1:\(running.port): "))
        }
        try await running.stop()
    }
}
