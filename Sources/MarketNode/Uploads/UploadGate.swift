import Foundation
import HTTPTypes
import Hummingbird
import Logging
import MarketAPI
import MarketCore
import MarketLedger

/// Admits uploads and collects what no job needs any more: verifies the `Depin-Upload`
/// signature and expiry, keeps the disk reserve, charges quotas through `UploadAccounts` and
/// deletes what it decides to collect. Built once per node.
public final class UploadGate: Sendable {
    let blobs: BlobStore
    let manifests: ManifestStore
    let ledger: Ledger
    let limits: UploadLimits
    let accounts: LockedBox<UploadAccounts>
    /// Unix seconds.
    let clock: @Sendable () -> UInt64
    let logger: Logger

    /// The `Depin-Upload` header of a request, if any.
    static func authorizationHeader(in headers: HTTPFields) -> String? {
        HTTPField.Name(UploadAuthorization.headerName).flatMap { headers[$0] }
    }

    /// The wall clock in Unix seconds.
    static let wallClockSeconds: @Sendable () -> UInt64 = { UInt64(max(0, Date().timeIntervalSince1970)) }

    init(
        blobs: BlobStore, manifests: ManifestStore, ledger: Ledger, limits: UploadLimits,
        clock: @escaping @Sendable () -> UInt64, logger: Logger
    ) {
        self.blobs = blobs
        self.manifests = manifests
        self.ledger = ledger
        self.limits = limits
        self.clock = clock
        self.logger = logger
        var accounts = UploadAccounts(limits: limits)
        Self.adoptStoredContent(blobs: blobs, manifests: manifests, into: &accounts)
        self.accounts = LockedBox(accounts)
    }

    /// What is on disk when the node starts counts against nobody and ages from its file time;
    /// a job that references it keeps it.
    private static func adoptStoredContent(blobs: BlobStore, manifests: ManifestStore, into accounts: inout UploadAccounts) {
        let files = FileManager.default
        func stat(_ path: String) -> (size: UInt64, storedAt: UInt64)? {
            guard let attributes = try? files.attributesOfItem(atPath: path),
                  let size = attributes[.size] as? NSNumber,
                  let modified = attributes[.modificationDate] as? Date
            else { return nil }
            return (size.uint64Value, UInt64(max(0, modified.timeIntervalSince1970)))
        }
        for name in (try? files.contentsOfDirectory(atPath: blobs.directory)) ?? [] {
            guard let hash = Hash256(hex: name), let file = stat(blobs.path(for: hash)) else { continue }
            accounts.adopt(StoredContent(kind: .blob, hash: hash), size: file.size, storedAt: file.storedAt)
        }
        for name in (try? files.contentsOfDirectory(atPath: manifests.directory.path)) ?? [] where name.hasSuffix(".bin") {
            guard let hash = Hash256(hex: String(name.dropLast(4))), let file = stat(manifests.path(for: hash).path)
            else { continue }
            accounts.adopt(StoredContent(kind: .manifest, hash: hash), size: file.size, storedAt: file.storedAt)
        }
    }

    /// Checks an upload before its bytes are stored: 401 `upload-unauthorized` for a missing,
    /// malformed, expired or badly signed header; 403 `upload-forbidden` for a signer without a
    /// reason to upload; 413 `upload-quota-exceeded` past a quota; 507 `insufficient-storage`
    /// when the bytes would eat into the disk reserve.
    func admit(
        header: String?, kind: UploadAuthorization.Kind, contentHash: Hash256, size: UInt64, checkpointCount: Int? = nil
    ) async throws(APIFailure) -> UploadAccounts.Ticket {
        let name = UploadAuthorization.headerName
        guard let header else {
            throw .api(.uploadUnauthorized, "uploads need a `\(name)` header signed by the uploading account; see API.md")
        }
        guard let authorization = UploadAuthorization(header: header, kind: kind, contentHash: contentHash, size: size) else {
            throw .api(.uploadUnauthorized, "the `\(name)` header must be `key=<64 hex>, job=<id>, expires=<unix seconds>, sig=<128 hex>` (job optional)")
        }
        let now = clock()
        guard authorization.expiresAt >= now else {
            throw .api(.uploadUnauthorized, "the upload authorization expired at \(authorization.expiresAt); the node's clock reads \(now)")
        }
        guard authorization.expiresAt - now <= UploadAuthorization.maxLifetimeSeconds else {
            throw .api(.uploadUnauthorized, "the upload authorization expires more than \(UploadAuthorization.maxLifetimeSeconds) s ahead")
        }
        do {
            try authorization.verify(chainID: ledger.chainID)
        } catch {
            throw .api(.uploadUnauthorized, "the `\(name)` signature does not verify for this content, size, job, expiry and chain \(ledger.chainID) (\(error.name))")
        }
        let state = await ledger.state
        let outcome = accounts.withLock { accounts -> Result<UploadAccounts.Ticket, APIFailure> in
            do throws(APIFailure) {
                return .success(try accounts.admit(authorization, state: state, checkpointCount: checkpointCount))
            } catch {
                return .failure(error)
            }
        }
        let ticket = try outcome.get()
        if ticket.reservedBytes > 0 {
            do {
                try checkDiskReserve(adding: size)
            } catch {
                cancel(ticket)
                throw error
            }
        }
        return ticket
    }

    /// 507 when storing `size` more bytes would leave less than the reserve free.
    func checkDiskReserve(adding size: UInt64) throws(APIFailure) {
        guard let available = DiskSpace.availableBytes(atPath: blobs.directory) else {
            throw .api(.insufficientStorage, "cannot read the free space of the blob directory's filesystem")
        }
        guard available >= limits.diskReserveBytes, size <= available - limits.diskReserveBytes else {
            logger.warning("upload refused: disk reserve", metadata: [
                "available": "\(available)", "reserve": "\(limits.diskReserveBytes)", "size": "\(size)",
            ])
            throw .api(.insufficientStorage, "the node keeps \(limits.diskReserveBytes) bytes free for its chain; \(size) more bytes do not fit (\(available) available)")
        }
    }

    func cancel(_ ticket: UploadAccounts.Ticket) {
        accounts.withLock { $0.cancel(ticket) }
    }

    func finish(_ ticket: UploadAccounts.Ticket, size: UInt64) {
        let now = clock()
        accounts.withLock { $0.finish(ticket, size: size, now: now) }
    }

    /// Deletes what `UploadAccounts.collect` says no job needs; returns the items and bytes deleted.
    @discardableResult
    func collect() async -> (items: Int, bytes: UInt64) {
        let state = await ledger.state
        let now = clock()
        let manifests = self.manifests
        let blobs = self.blobs
        return accounts.withLock { accounts in
            let sizes = accounts.records
            let doomed = accounts.collect(state: state, now: now) { root in (try? manifests.load(root)) ?? nil }
            var bytes: UInt64 = 0
            for item in doomed {
                bytes += sizes[item]?.size ?? 0
                switch item.kind {
                case .blob: try? FileManager.default.removeItem(atPath: blobs.path(for: item.hash))
                case .manifest: try? FileManager.default.removeItem(at: manifests.path(for: item.hash))
                }
            }
            if !doomed.isEmpty { logger.info("collected uploads", metadata: ["items": "\(doomed.count)", "bytes": "\(bytes)"]) }
            return (doomed.count, bytes)
        }
    }
}
