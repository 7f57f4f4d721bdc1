import Foundation
import HummingbirdTesting
import MarketAPI
import MarketCore
import Testing
@testable import MarketNode

@Suite("/metrics, /healthz and the dashboard")
struct SystemRouteTests {
    @Test("metrics expose blocks, transactions by result, mempool, jobs by status and request latency")
    func metrics() async throws {
        let node = try TestNode()
        defer { node.remove() }
        try await node.app.test(.router) { client in
            try await node.commit([(TestKeys.client, .transfer(to: TestKeys.stranger.address, amount: .tokens(1)))])
            try await node.commit([(TestKeys.client, Market.job())])
            _ = try await client.get("/v1/status")
            // Block counters are fed by the observer service; wait for it to see both blocks.
            var text = ""
            for _ in 0..<4_000 {
                text = try await client.get("/metrics").text
                if text.contains("depin_blocks_committed_total 2") { break }
                try await Task.sleep(for: .milliseconds(5))
            }
            #expect(text.contains("depin_blocks_committed_total 2"), "\(text)")
            #expect(text.contains(#"depin_transactions_total{result="success"} 2"#))
            #expect(text.contains(#"depin_transactions_total{result="failed"} 0"#))
            #expect(text.contains(#"depin_transactions_total{result="dropped"} 0"#))
            #expect(text.contains("depin_mempool_depth 0"))
            #expect(text.contains(#"depin_jobs{status="pending"} 1"#))
            #expect(text.contains(#"depin_jobs{status="completed"} 0"#))
            #expect(text.contains("depin_http_request_duration_seconds_bucket"))
            #expect(text.contains(#"route="/v1/status""#))
        }
    }

    @Test("the dashboard is one self-contained HTML page that polls the API")
    func dashboard() async throws {
        let node = try TestNode()
        defer { node.remove() }
        try await node.app.test(.router) { client in
            let reply = try await client.get("/")
            #expect(reply.status == 200 && reply.header("content-type")?.hasPrefix("text/html") == true)
            for path in ["/v1/stats", "/v1/jobs", "/v1/providers"] { #expect(reply.text.contains(path)) }
            #expect(!reply.text.contains("http://") && !reply.text.contains("https://") && !reply.text.contains("src="))
        }
    }
}
