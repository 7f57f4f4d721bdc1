import Foundation
import HummingbirdTesting
import MarketAPI
import MarketCore
import Testing
@testable import MarketNode

@Suite("GET /v1/jobs/{id}/eligibility")
struct EligibilityRouteTests {
    @Test("counts providers by the first check they fail, with the cheapest held back by each; 404 for no job")
    func reasons() async throws {
        let node = try TestNode()
        defer { node.remove() }
        try await node.commit([
            // Too expensive for the job's max rate of 0.5.
            (TestKeys.providers[0], Market.provider(tier: .prosumer, gpus: 4, memory: 24, rate: "0.9")),
            (TestKeys.providers[1], Market.provider(tier: .prosumer, gpus: 4, memory: 24, rate: "0.7")),
            // Too small: a consumer GPU with 8 GB for a prosumer job.
            (TestKeys.providers[2], Market.provider(tier: .consumer, gpus: 1, memory: 8, rate: "0.1")),
            (TestKeys.client, Market.job(tier: .prosumer, gpus: 1, memory: 16, gpuHours: 10, maxRate: "0.5", budget: 10)),
        ])
        try await node.app.test(.router) { client in
            let report = try await client.get("/v1/jobs/1/eligibility", as: EligibilityView.self)
            #expect(report.job == JobID(1) && report.providersChecked == 3 && report.eligible == 0)
            #expect(report.reasons.map(\.error.name) == ["rate-too-high", "insufficient-compute"])
            #expect(report.reasons.map(\.count) == [2, 1])
            #expect(report.reasons[0].cheapestProvider == TestKeys.providers[1].address)
            #expect(report.reasons[0].cheapestRate == Market.amount("0.7"))
            #expect(report.reasons[1].error.code == MarketError.insufficientCompute.code)
            try await client.get("/v1/jobs/99/eligibility").expectError(404, code: 502)
            try await client.get("/v1/jobs/1/eligibility?x=1").expectError(400, code: 709)
        }
    }
}
