import Foundation
import Hummingbird
import HummingbirdTesting
import MarketAPI
import MarketCore
import Testing
@testable import MarketNode

@Suite("Content-addressed blobs: PUT, GET, HEAD")
struct BlobRouteTests {
    static func bytes(_ count: Int) -> [UInt8] { (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) } }

    @Test("upload, download and HEAD a blob; a second upload is 200")
    func roundTrip() async throws {
        let node = try TestNode()
        defer { node.remove() }
        let content = Self.bytes(200_000)
        let hash = Hash256.sha256(content)
        try await node.app.test(.router) { client in
            let headers = try UploadHeaders.blob(content, by: TestKeys.client)
            let created = try await client.send(.put, "/v1/blobs/\(hash.hex)", bytes: content, headers: headers)
            #expect(created.status == 201, "\(created.text)")
            #expect(try created.decode(BlobView.self) == BlobView(hash: hash, size: 200_000))
            let again = try await client.send(.put, "/v1/blobs/\(hash.hex)", bytes: content, headers: headers)
            #expect(again.status == 200)

            let download = try await client.get("/v1/blobs/\(hash.hex)")
            #expect(download.status == 200 && Array(download.data) == content)
            #expect(download.header("content-type") == "application/octet-stream")
            #expect(download.header("etag") == "\"\(hash.hex)\"")

            let head = try await client.send(.head, "/v1/blobs/\(hash.hex)")
            #expect(head.status == 200 && head.header("content-length") == "200000" && head.data.isEmpty)

            let missing = Hash256.sha256(Array("missing".utf8)).hex
            try await client.get("/v1/blobs/\(missing)").expectError(404, code: 704)
            #expect(try await client.send(.head, "/v1/blobs/\(missing)").status == 404)
            try await client.get("/v1/blobs/not-a-hash").expectError(400, code: 701)
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: node.node.blobs.temporaryDirectory)
        #expect(leftovers.isEmpty)
    }

    @Test("an upload whose bytes hash to something else is 400 blob-hash-mismatch and stores nothing")
    func hashMismatch() async throws {
        let node = try TestNode()
        defer { node.remove() }
        let claimed = Hash256.sha256(Array("something else".utf8))
        try await node.app.test(.router) { client in
            var headers = UploadHeaders.unsigned(Self.bytes(1_000))
            headers[UploadHeaders.name] = try UploadHeaders.authorization(
                TestKeys.client, kind: .blob, hash: claimed, size: 1_000).headerValue
            try await client.send(.put, "/v1/blobs/\(claimed.hex)", bytes: Self.bytes(1_000), headers: headers)
                .expectError(400, code: 707)
            #expect(try await client.send(.head, "/v1/blobs/\(claimed.hex)").status == 404)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: node.node.blobs.temporaryDirectory).isEmpty)
    }

    @Test("an upload over maxBlobBytes is 413 blob-too-large")
    func tooLarge() async throws {
        var parameters = MarketParameters()
        parameters.maxBlobBytes = 64 * 1024
        let node = try TestNode(parameters: parameters)
        defer { node.remove() }
        let content = Self.bytes(100_000)
        let hash = Hash256.sha256(content)
        try await node.app.test(.router) { client in
            try await client.send(.put, "/v1/blobs/\(hash.hex)", bytes: content, headers: try UploadHeaders.blob(content, by: TestKeys.client))
                .expectError(413, code: 708)
            #expect(try await client.send(.head, "/v1/blobs/\(hash.hex)").status == 404)
            let exact = Self.bytes(64 * 1024)
            let headers = try UploadHeaders.blob(exact, by: TestKeys.client)
            #expect(try await client.send(.put, "/v1/blobs/\(Hash256.sha256(exact).hex)", bytes: exact, headers: headers).status == 201)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: node.node.blobs.temporaryDirectory).isEmpty)
    }

    @Test("the blob store rejects an oversized stream even without a Content-Length")
    func streamLimit() async throws {
        let node = try TestNode()
        defer { node.remove() }
        let content = Self.bytes(10_000)
        let body = RequestBody(buffer: ByteBuffer(bytes: content))
        await #expect(throws: APIFailure.self) {
            _ = try await node.node.blobs.store(body, declaredLength: nil, hash: Hash256.sha256(content), maxBytes: 9_999)
        }
        let stored = try await node.node.blobs.store(
            RequestBody(buffer: ByteBuffer(bytes: content)), declaredLength: nil, hash: Hash256.sha256(content), maxBytes: 10_000)
        #expect(stored.created && stored.0.size == 10_000)
    }
}
