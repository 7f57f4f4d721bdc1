import Hummingbird
import MarketAPI
import MarketCore
import MarketLedger

/// Content-addressed blobs: `PUT`, `GET` and `HEAD /v1/blobs/{hash}`.
struct BlobController {
    /// Read for the `maxBlobBytes` parameter.
    let ledger: Ledger
    let blobs: BlobStore
    let uploads: UploadGate
    let fileIO = FileIO()

    func addRoutes(to group: RouterGroup<NodeRequestContext>) {
        group.put("blobs/{hash}", use: upload)
        group.get("blobs/{hash}", use: download)
        group.head("blobs/{hash}", use: head)
    }

    /// Admits a signed upload (`Depin-Upload` header, see `UploadGate`), streams the body to disk
    /// up to its `Content-Length` and `maxBlobBytes` and stores it if it hashes to `{hash}`:
    /// 201 when new, 200 when the blob was already stored.
    @Sendable func upload(_ request: Request, context: NodeRequestContext) async throws -> EditedResponse<BlobView> {
        let hash = try context.pathHash("hash")
        try request.expectNoQuery()
        let maxBytes = await ledger.state.parameters.maxBlobBytes
        guard let declared = request.headers[.contentLength].flatMap(UInt64.init) else {
            throw APIFailure.invalidField("a blob upload needs a Content-Length; its size is part of the signed authorization")
        }
        guard declared <= maxBytes else {
            throw APIFailure.api(.blobTooLarge, "blob of \(declared) bytes exceeds the limit of \(maxBytes) bytes")
        }
        let ticket = try await uploads.admit(
            header: UploadGate.authorizationHeader(in: request.headers), kind: .blob, contentHash: hash, size: declared)
        do {
            let (view, created) = try await blobs.store(request.body, declaredLength: Int(declared), hash: hash, maxBytes: declared)
            if created { uploads.finish(ticket, size: view.size) } else { uploads.cancel(ticket) }
            return EditedResponse(status: created ? .created : .ok, response: view)
        } catch {
            uploads.cancel(ticket)
            throw error
        }
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
