import Foundation
import Hummingbird
import MarketAPI
import MarketCore
import MarketLedger

extension ManifestUploadRequest: StrictlyDecodable {
    static let allowedKeys: Set<String> = ["checkpoints"]
}

/// Checkpoint manifests: `PUT /v1/manifests` stores the hashes C0...Cn of a training run under
/// their Merkle root; `GET /v1/manifests/{root}` returns them, so validators can go from the root
/// in a proof to the checkpoints they must fetch.
struct ManifestController {
    let manifests: ManifestStore
    let uploads: UploadGate
    /// Largest accepted request body.
    let maxBodyBytes: Int

    func addRoutes(to group: RouterGroup<NodeRequestContext>) {
        group.put("manifests", use: upload)
        group.get("manifests/{root}", use: download)
    }

    @Sendable func upload(_ request: Request, context: NodeRequestContext) async throws -> EditedResponse<ManifestView> {
        try request.expectNoQuery()
        let body = try await RequestBodyReader.decode(ManifestUploadRequest.self, from: request, limit: maxBodyBytes)
        guard !body.checkpoints.isEmpty, body.checkpoints.count <= ManifestView.maxCheckpoints else {
            throw APIFailure.invalidField("`checkpoints` must list 1 to \(ManifestView.maxCheckpoints) hashes")
        }
        let root = MerkleList.root(body.checkpoints)
        let ticket = try await uploads.admit(
            header: UploadGate.authorizationHeader(in: request.headers), kind: .manifest, contentHash: root,
            size: UInt64(body.checkpoints.count) * 32, checkpointCount: body.checkpoints.count)
        let created: Bool
        do {
            created = try manifests.store(body.checkpoints).created
        } catch {
            uploads.cancel(ticket)
            throw APIFailure.api(.internalError, "cannot store the manifest")
        }
        if created { uploads.finish(ticket, size: UInt64(body.checkpoints.count) * 32) } else { uploads.cancel(ticket) }
        return EditedResponse(status: created ? .created : .ok, response: ManifestView(root: root, checkpoints: body.checkpoints))
    }

    @Sendable func download(_ request: Request, context: NodeRequestContext) async throws -> ManifestView {
        let root = try context.pathHash("root")
        try request.expectNoQuery()
        guard let checkpoints = try manifests.load(root) else {
            throw APIFailure.notFound("no manifest with root \(root.hex) on this node")
        }
        return ManifestView(root: root, checkpoints: checkpoints)
    }
}
