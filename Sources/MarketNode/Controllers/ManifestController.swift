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
    let node: Node

    func addRoutes(to group: RouterGroup<NodeRequestContext>) {
        group.put("manifests", use: upload)
        group.get("manifests/{root}", use: download)
    }

    @Sendable func upload(_ request: Request, context: NodeRequestContext) async throws -> Response {
        try QueryParameters(request).finish()
        let body = try await RequestBodyReader.decode(ManifestUploadRequest.self, from: request, limit: node.configuration.maxBodyBytes)
        guard !body.checkpoints.isEmpty, body.checkpoints.count <= ManifestView.maxCheckpoints else {
            throw APIFailure.invalidField("`checkpoints` must list 1 to \(ManifestView.maxCheckpoints) hashes")
        }
        let (root, created) = try node.manifests.store(body.checkpoints)
        return try JSONResponse.make(ManifestView(root: root, checkpoints: body.checkpoints), status: created ? .created : .ok)
    }

    @Sendable func download(_ request: Request, context: NodeRequestContext) async throws -> Response {
        let root = try context.pathHash("root")
        try QueryParameters(request).finish()
        guard let checkpoints = try node.manifests.load(root) else {
            throw APIFailure.notFound("no manifest with root \(root.hex) on this node")
        }
        return try JSONResponse.make(ManifestView(root: root, checkpoints: checkpoints))
    }
}
