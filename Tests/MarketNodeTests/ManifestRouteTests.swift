import Foundation
import HummingbirdTesting
import MarketAPI
import MarketCore
import Testing
@testable import MarketNode

@Suite("Checkpoint manifests: PUT /v1/manifests, GET /v1/manifests/{root}")
struct ManifestRouteTests {
    /// Job 1 of `MarketScenario` has 8 segments, so its manifests list 9 checkpoints.
    static let checkpoints = (0..<9).map { Hash256.sha256(Array("checkpoint-\($0)".utf8)) }

    static func body(_ hashes: [Hash256]) -> String {
        #"{"checkpoints":[\#(hashes.map { "\"\($0.hex)\"" }.joined(separator: ","))]}"#
    }

    @Test("a manifest is stored under the Merkle root of its hashes and read back")
    func roundTrip() async throws {
        let node = try TestNode(parameters: MarketScenario.parameters)
        defer { node.remove() }
        try await MarketScenario.build(on: node)
        let headers = try UploadHeaders.manifest(Self.checkpoints, by: MarketScenario.p0, job: JobID(1))
        try await node.app.test(.router) { client in
            let created = try await client.send(.put, "/v1/manifests", body: Self.body(Self.checkpoints), headers: headers)
            #expect(created.status == 201, "\(created.text)")
            let view: ManifestView = try created.decode()
            #expect(view.root == MerkleList.root(Self.checkpoints) && view.checkpoints == Self.checkpoints)
            #expect(try await client.send(.put, "/v1/manifests", body: Self.body(Self.checkpoints), headers: headers).status == 200)
            let read = try await client.get("/v1/manifests/\(view.root.hex)", as: ManifestView.self)
            #expect(read == view)
            try await client.get("/v1/manifests/\(Self.checkpoints[0].hex)").expectError(404, code: 704)
            try await client.get("/v1/manifests/zz").expectError(400, code: 701)
        }
    }

    @Test("bad manifests are rejected", arguments: [
        (#"{"checkpoints":[]}"#, 701),
        (#"{"checkpoints":["nothex"]}"#, 701),
        (#"{"checkpoints":"abc"}"#, 701),
        (#"{"checkpoints":[], "root":"00"}"#, 702),
        ("{", 700),
    ])
    func badBodies(body: String, code: Int) async throws {
        let node = try TestNode()
        defer { node.remove() }
        try await node.app.test(.router) { client in
            try await client.send(.put, "/v1/manifests", body: body).expectError(400, code: code)
        }
    }
}
