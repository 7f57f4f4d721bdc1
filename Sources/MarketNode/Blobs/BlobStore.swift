import Foundation
import Hummingbird
import MarketAPI
import MarketCore

/// Content-addressed files (checkpoints, models) under `<dataDir>/blobs/`, named by the SHA-256
/// of their bytes. An upload streams to a temporary file, is hashed and only then renamed into
/// place, so a blob on disk always matches its name and readers never see half a file.
public struct BlobStore: Sendable {
    public let directory: String
    let temporaryDirectory: String

    public init(directory: String) throws {
        self.directory = directory
        temporaryDirectory = (directory as NSString).appendingPathComponent("tmp")
        do {
            try FileManager.default.createDirectory(atPath: temporaryDirectory, withIntermediateDirectories: true)
            // Leftovers of uploads interrupted by a crash.
            for name in try FileManager.default.contentsOfDirectory(atPath: temporaryDirectory) {
                try? FileManager.default.removeItem(atPath: (temporaryDirectory as NSString).appendingPathComponent(name))
            }
        } catch {
            throw NodeStartError.blobDirectory("cannot prepare \(directory): \(error.localizedDescription)")
        }
    }

    public func path(for hash: Hash256) -> String {
        (directory as NSString).appendingPathComponent(hash.hex)
    }

    /// The size of a stored blob, or nil when absent.
    public func size(of hash: Hash256) -> UInt64? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path(for: hash)),
              let size = attributes[.size] as? NSNumber
        else { return nil }
        return size.uint64Value
    }

    /// Streams `body` to disk, verifies it hashes to `hash` and stores it. Returns the blob and
    /// whether it was new. Fails with 413 (708) past `maxBytes` and 400 (707) on a hash mismatch.
    func store(_ body: RequestBody, declaredLength: Int?, hash: Hash256, maxBytes: UInt64) async throws -> (BlobView, created: Bool) {
        if let declaredLength, declaredLength < 0 || UInt64(declaredLength) > maxBytes {
            throw APIFailure.api(.blobTooLarge, "blob of \(declaredLength) bytes exceeds the limit of \(maxBytes) bytes")
        }
        let temporary = (temporaryDirectory as NSString).appendingPathComponent("\(hash.hex).\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: temporary, contents: nil) else {
            throw APIFailure.api(.internalError, "cannot create a temporary file for the upload")
        }
        var renamed = false
        defer { if !renamed { try? FileManager.default.removeItem(atPath: temporary) } }
        let handle: FileHandle
        do {
            handle = try FileHandle(forWritingTo: URL(fileURLWithPath: temporary))
        } catch {
            throw APIFailure.api(.internalError, "cannot open a temporary file for the upload")
        }
        var size: UInt64 = 0
        do {
            defer { try? handle.close() }
            for try await chunk in body {
                size += UInt64(chunk.readableBytes)
                guard size <= maxBytes else {
                    throw APIFailure.api(.blobTooLarge, "blob exceeds the limit of \(maxBytes) bytes")
                }
                try handle.write(contentsOf: Data(chunk.readableBytesView))
            }
            try handle.synchronize()
        }
        let actual: Hash256
        do {
            let mapped = try Data(contentsOf: URL(fileURLWithPath: temporary), options: .alwaysMapped)
            actual = Hash256.sha256(mapped)
        } catch {
            throw APIFailure.api(.internalError, "cannot read back the uploaded blob")
        }
        guard actual == hash else {
            throw APIFailure.api(.blobHashMismatch, "the body hashes to \(actual.hex), not \(hash.hex); blobs are named by the SHA-256 of their bytes")
        }
        let existed = self.size(of: hash) != nil
        guard rename(temporary, path(for: hash)) == 0 else {
            throw APIFailure.api(.internalError, "cannot move the uploaded blob into place (errno \(errno))")
        }
        renamed = true
        return (BlobView(hash: hash, size: size), !existed)
    }
}
