import Foundation
import MarketAPI
import MarketCore

/// Checkpoint manifests on disk, one file per Merkle root under `<dataDir>/manifests/`, written
/// atomically. The node computes the root itself, so a stored manifest always matches its name.
public struct ManifestStore: Sendable {
    public let directory: URL

    public init(directory: URL) throws {
        self.directory = directory
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        // Leftovers of writes interrupted by a crash.
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) where name.hasSuffix(".tmp") {
            try? FileManager.default.removeItem(at: directory.appendingPathComponent(name))
        }
    }

    func path(for root: Hash256) -> URL { directory.appendingPathComponent("\(root.hex).bin") }

    /// Stores the hashes and returns their root; `created` is false when it was already stored.
    func store(_ checkpoints: [Hash256]) throws -> (root: Hash256, created: Bool) {
        let root = MerkleList.root(checkpoints)
        let target = path(for: root)
        if FileManager.default.fileExists(atPath: target.path) { return (root, false) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(checkpoints.count * 32)
        for hash in checkpoints { bytes += hash.bytes }
        let temporary = directory.appendingPathComponent(".\(root.hex).\(UUID().uuidString).tmp")
        try Data(bytes).write(to: temporary)
        do {
            try FileManager.default.moveItem(at: temporary, to: target)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            if !FileManager.default.fileExists(atPath: target.path) { throw error }
        }
        return (root, true)
    }

    func load(_ root: Hash256) throws -> [Hash256]? {
        guard let data = FileManager.default.contents(atPath: path(for: root).path) else { return nil }
        let bytes = [UInt8](data)
        guard bytes.count % 32 == 0 else { return nil }
        let hashes = stride(from: 0, to: bytes.count, by: 32).compactMap { Hash256(bytes: bytes[$0..<($0 + 32)]) }
        return MerkleList.root(hashes) == root ? hashes : nil
    }
}
