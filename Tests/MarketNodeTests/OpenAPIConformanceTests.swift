import Foundation
import HummingbirdTesting
import MarketAPI
import MarketCore
import MarketLedger
import Testing
@testable import MarketNode

@Suite("Responses match the schemas /openapi.json documents")
struct OpenAPIConformanceTests {
    @Test("every JSON response of a populated market conforms to its documented schema")
    func responsesConform() async throws {
        let node = try TestNode(parameters: MarketScenario.parameters)
        defer { node.remove() }
        try await MarketScenario.build(on: node)
        let transfer = try await node.commit([(TestKeys.client, .transfer(to: TestKeys.stranger.address, amount: .tokens(1)))])
        let transaction = transfer.transactions[0].id.hex
        let document = try #require(try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.json.utf8)) as? [String: Any])
        let checker = SchemaChecker(document: document)
        let blob = Array("checkpoint".utf8)
        let requests: [(method: String, template: String, uri: String)] = [
            ("GET", "/v1/transactions/{id}", "/v1/transactions/\(transaction)"),
            ("GET", "/v1/transactions/{id}", "/v1/transactions/\(String(repeating: "0", count: 64))"),
            ("GET", "/v1/accounts/{address}", "/v1/accounts/\(TestKeys.client.address)"),
            ("GET", "/v1/accounts/{address}", "/v1/accounts/nonsense"),
            ("GET", "/v1/providers", "/v1/providers"),
            ("GET", "/v1/providers", "/v1/providers?limit=0"),
            ("GET", "/v1/providers/{address}", "/v1/providers/\(MarketScenario.p0.address)"),
            ("GET", "/v1/validators", "/v1/validators"),
            ("GET", "/v1/jobs", "/v1/jobs"),
            ("GET", "/v1/jobs/{id}", "/v1/jobs/1"),
            ("GET", "/v1/jobs/{id}", "/v1/jobs/77"),
            ("GET", "/v1/blocks/latest", "/v1/blocks/latest"),
            ("GET", "/v1/blocks/{height}", "/v1/blocks/12"),
            ("GET", "/v1/blocks/{height}", "/v1/blocks/0"),
            ("GET", "/v1/parameters", "/v1/parameters"),
            ("GET", "/v1/stats", "/v1/stats"),
            ("GET", "/v1/cost", "/v1/cost?gpuHours=10&tier=consumer"),
            ("GET", "/v1/status", "/v1/status"),
            ("GET", "/healthz", "/healthz"),
            ("PUT", "/v1/blobs/{hash}", "/v1/blobs/\(Hash256.sha256(blob).hex)"),
        ]
        let replies = try await node.app.test(.router) { client in
            var replies: [(method: String, template: String, uri: String, reply: Reply)] = []
            for request in requests {
                let reply = request.method == "PUT"
                    ? try await client.send(.put, request.uri, bytes: blob, headers: try UploadHeaders.blob(blob, by: TestKeys.client))
                    : try await client.get(request.uri)
                replies.append((request.method, request.template, request.uri, reply))
            }
            let submitted = try await client.send(.post, "/v1/transactions", body: #"{"transaction":"01"}"#)
            replies.append(("POST", "/v1/transactions", "/v1/transactions", submitted))
            let checkpoints = (0..<9).map { Hash256.sha256([UInt8($0)]) }  // job 1 has 8 segments
            let manifest = try await client.send(
                .put, "/v1/manifests", body: #"{"checkpoints":[\#(checkpoints.map { "\"\($0.hex)\"" }.joined(separator: ","))]}"#,
                headers: try UploadHeaders.manifest(checkpoints, by: MarketScenario.p0, job: JobID(1)))
            replies.append(("PUT", "/v1/manifests", "/v1/manifests", manifest))
            let root = try manifest.decode(ManifestView.self).root.hex
            replies.append(("GET", "/v1/manifests/{root}", "/v1/manifests/\(root)", try await client.get("/v1/manifests/\(root)")))
            return replies
        }
        for (method, template, uri, reply) in replies {
            let schema = try #require(
                SchemaChecker.responseSchema(in: document, method: method, path: template, status: reply.status),
                "\(method) \(template) documents no JSON response for \(reply.status)")
            let problems = checker.problems(try JSONSerialization.jsonObject(with: reply.data), schema)
            #expect(problems.isEmpty, "\(uri) -> \(reply.status): \(problems)")
        }
    }
}
