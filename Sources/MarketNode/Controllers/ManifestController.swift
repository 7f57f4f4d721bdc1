import Foundation
import Hummingbird
import MarketAPI
import MarketCore

extension ManifestUploadRequest: StrictlyDecodable {
    static let allowedKeys: Set<String> = ["checkpoints"]
}

/// Checkpoint manifests: `PUT /v1/manifests` stores the hashes C0...Cn of a training run under
/// their Merkle root; `GET /v1/manifests/{root}` returns them, so validators can go from the root
/// in a proof to the checkpoints they must fetch.
struct ManifestController {
    let manifests: ManifestStore
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
        let (root, created) = try manifests.store(body.checkpoints)
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
