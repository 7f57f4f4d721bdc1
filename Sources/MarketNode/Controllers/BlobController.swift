import Hummingbird
import MarketAPI
import MarketCore
import MarketLedger

/// Content-addressed blobs: `PUT`, `GET` and `HEAD /v1/blobs/{hash}`.
struct BlobController {
    /// Read for the `maxBlobBytes` parameter.
    let ledger: Ledger
    let blobs: BlobStore
    let fileIO = FileIO()

    func addRoutes(to group: RouterGroup<NodeRequestContext>) {
        group.put("blobs/{hash}", use: upload)
        group.get("blobs/{hash}", use: download)
        group.head("blobs/{hash}", use: head)
    }

    /// Streams the body to disk up to `maxBlobBytes` and stores it if it hashes to `{hash}`:
    /// 201 when new, 200 when the blob was already stored.
    @Sendable func upload(_ request: Request, context: NodeRequestContext) async throws -> EditedResponse<BlobView> {
        let hash = try context.pathHash("hash")
        try request.expectNoQuery()
        let maxBytes = await ledger.state.parameters.maxBlobBytes
        let declared = request.headers[.contentLength].flatMap(Int.init)
        let (view, created) = try await blobs.store(request.body, declaredLength: declared, hash: hash, maxBytes: maxBytes)
        return EditedResponse(status: created ? .created : .ok, response: view)
    }

    @Sendable func download(_ request: Request, context: NodeRequestContext) async throws -> Response {
        let hash = try context.pathHash("hash")
        try request.expectNoQuery()
        guard let size = blobs.size(of: hash) else { throw APIFailure.notFound("no blob \(hash.hex) on this node") }
        let body = try await fileIO.loadFile(path: blobs.path(for: hash), context: context)
        return Response(status: .ok, headers: Self.headers(hash: hash, size: size), body: body)
    }

    @Sendable func head(_ request: Request, context: NodeRequestContext) async throws -> Response {
        let hash = try context.pathHash("hash")
        try request.expectNoQuery()
        guard let size = blobs.size(of: hash) else { throw APIFailure.notFound("no blob \(hash.hex) on this node") }
        return Response(status: .ok, headers: Self.headers(hash: hash, size: size), body: ResponseBody())
    }

    /// Blobs never change under their name, so they may be cached forever.
    static func headers(hash: Hash256, size: UInt64) -> HTTPFields {
        var headers = HTTPFields()
        headers[.contentType] = "application/octet-stream"
        headers[.contentLength] = String(size)
        headers[.eTag] = "\"\(hash.hex)\""
        headers[.cacheControl] = "public, max-age=31536000, immutable"
        return headers
    }
}
