import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import MarketNode

@Suite("Request metrics cover the whole response")
struct RequestMetricsTests {
    /// The `_sum` of the request-duration histogram for `route`, in seconds.
    private static func durationSum(route: String, in metrics: NodeMetrics) -> Double? {
        String(decoding: metrics.exposition(), as: UTF8.self).split(separator: "\n")
            .first { $0.hasPrefix("depin_http_request_duration_seconds_sum") && $0.contains("route=\"\(route)\"") }
            .flatMap { $0.split(separator: " ").last }
            .flatMap { Double($0) }
    }

    @Test("a streamed body is timed until it has been written, not when the handler returns")
    func streamedBody() async throws {
        let metrics = NodeMetrics()
        let router = Router()
        router.add(middleware: RequestMetricsMiddleware(metrics: metrics))
        router.get("slow") { _, _ in
            Response(status: .ok, body: ResponseBody { writer in
                try await Task.sleep(for: .milliseconds(300))
                try await writer.write(ByteBuffer(string: "done"))
                try await writer.finish(nil)
            })
        }
        try await Application(router: router).test(.router) { client in
            try await client.execute(uri: "/slow", method: .get) { response in
                #expect(response.status == .ok && String(buffer: response.body) == "done")
            }
        }
        let seconds = try #require(Self.durationSum(route: "/slow", in: metrics))
        #expect(seconds >= 0.3)
    }
}
