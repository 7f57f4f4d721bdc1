import MarketAPI
import MarketCore
import MarketLedger

/// The node's bookkeeping of stored uploads: who each item counts against, the quotas, and what
/// the collector may delete. A pure value: the chain state and the clock are parameters, and
/// `UploadGate` carries out the file operations it decides on.
///
/// An upload without a job counts against its signer's unreferenced quota until a job of that
/// signer names it in its spec; then it counts against the job. Uploads that name a job count
/// against the job. Nothing here is part of the consensus state.
struct UploadAccounts: Sendable {
    /// What an item counts against.
    enum Charge: Hashable, Sendable {
        case account(Address)
        case job(JobID)
    }

    /// An admitted upload whose bytes are reserved until it is stored or abandoned.
    struct Ticket: Sendable, Hashable {
        var content: StoredContent
        var uploader: Address
        var job: JobID?
        var charge: Charge?
        var reservedBytes: UInt64
    }

    let limits: UploadLimits
    private(set) var records: [StoredContent: UploadRecord] = [:]
    /// Charged bytes of stored items, by what they count against.
    private(set) var charged: [Charge: UInt64] = [:]
    /// Bytes admitted and still streaming.
    private var pending: [Charge: UInt64] = [:]
    private var pendingItems: [JobID: [Address: Int]] = [:]
    /// Items charged to each job.
    private var jobItems: [JobID: Set<StoredContent>] = [:]
    /// Items each account uploaded that no job references yet.
    private var unreferenced: [Address: Set<StoredContent>] = [:]
    /// When this node first saw each job final (Unix seconds); retention counts from here.
    private(set) var settledAt: [JobID: UInt64] = [:]

    init(limits: UploadLimits) {
        self.limits = limits
    }

    /// Bytes currently charged to `charge`, stored and streaming.
    func usage(_ charge: Charge) -> UInt64 { (charged[charge] ?? 0) + (pending[charge] ?? 0) }

    // MARK: Admission

    /// Decides whether the (already verified) `authorization` may store its content: the signer
    /// must have a reason to upload and room in its quota. `checkpointCount` is a manifest's length.
    mutating func admit(
        _ authorization: UploadAuthorization, state: MarketState, checkpointCount: Int? = nil
    ) throws(APIFailure) -> Ticket {
        let content = StoredContent(kind: authorization.kind, hash: authorization.contentHash)
        let signer = authorization.signer
        let charge: Charge
        if let id = authorization.job {
            guard let job = state.jobs[id] else { throw .api(.uploadForbidden, "job \(id) does not exist") }
            guard !job.status.isFinal else {
                throw .api(.uploadForbidden, "job \(id) is \(job.status); a settled job takes no more uploads")
            }
            let openAssignments = job.assignments.count(where: { $0.provider == signer && !$0.status.isFinal })
            switch authorization.kind {
            case .blob:
                guard signer == job.client || openAssignments > 0 else {
                    throw .api(.uploadForbidden, "only job \(id)'s client or a provider assigned to it may upload for it")
                }
            case .manifest:
                guard openAssignments > 0 else {
                    throw .api(.uploadForbidden, "only a provider with an open assignment on job \(id) may store its manifests")
                }
                let expected = Int(job.spec.segmentCount) + 1
                guard checkpointCount == expected else {
                    throw .api(.invalidField, "job \(id) has \(job.spec.segmentCount) segments, so its manifests list \(expected) checkpoints")
                }
            }
            if records[content] == nil, signer != job.client {
                // A provider stores the checkpoints C0...Cn and one manifest per open assignment
                // (plus one retry); the spec bounds how many items it may add.
                let allowed = authorization.kind == .blob
                    ? (Int(job.spec.segmentCount) + 1) * openAssignments : 2 * openAssignments
                let stored = jobItems[id, default: []].count(where: { item in
                    item.kind == authorization.kind && records[item]?.uploader == signer
                })
                let streaming = authorization.kind == .blob ? pendingItems[id]?[signer] ?? 0 : 0
                guard stored + streaming < allowed else {
                    throw .api(.uploadQuotaExceeded, "job \(id) allows \(allowed) \(authorization.kind == .blob ? "blobs" : "manifests") from this provider")
                }
            }
            charge = .job(id)
        } else {
            guard authorization.kind == .blob else {
                throw .api(.uploadForbidden, "a manifest upload names its job (`job=` in the \(UploadAuthorization.headerName) header)")
            }
            guard let account = state.accounts[signer], account.balance > .zero else {
                throw .api(.uploadForbidden, "account \(signer) holds no balance; uploads without a job come from funded accounts")
            }
            reassignReferenced(of: signer, state: state)
            charge = .account(signer)
        }
        guard records[content] == nil else {
            return Ticket(content: content, uploader: signer, job: authorization.job, charge: nil, reservedBytes: 0)
        }
        let bytes = max(authorization.size, UploadLimits.minimumChargeBytes)
        let quota: UInt64
        switch charge {
        case .account: quota = limits.accountQuotaBytes
        case .job: quota = limits.jobQuotaBytes
        }
        let used = usage(charge)
        guard used <= quota, bytes <= quota - used else {
            let whose = switch charge {
            case .account(let address): "account \(address) (uploads no job references yet)"
            case .job(let id): "job \(id)"
            }
            throw .api(.uploadQuotaExceeded, "\(whose) stores \(used) of \(quota) bytes; \(bytes) more do not fit")
        }
        pending[charge, default: 0] += bytes
        if case .job(let id) = charge, authorization.kind == .blob { pendingItems[id, default: [:]][signer, default: 0] += 1 }
        return Ticket(content: content, uploader: signer, job: authorization.job, charge: charge, reservedBytes: bytes)
    }

    /// Releases the reservation of an upload that stored nothing.
    mutating func cancel(_ ticket: Ticket) {
        release(ticket)
    }

    /// Records a stored upload and releases its reservation.
    mutating func finish(_ ticket: Ticket, size: UInt64, now: UInt64) {
        release(ticket)
        guard records[ticket.content] == nil, ticket.charge != nil else { return }
        insert(ticket.content, UploadRecord(size: size, uploader: ticket.uploader, job: ticket.job, storedAt: now))
    }

    /// Records an item found on disk at start: it counts against nobody and ages from `storedAt`.
    mutating func adopt(_ content: StoredContent, size: UInt64, storedAt: UInt64) {
        guard records[content] == nil else { return }
        insert(content, UploadRecord(size: size, uploader: nil, job: nil, storedAt: storedAt))
    }

    private mutating func release(_ ticket: Ticket) {
        guard let charge = ticket.charge else { return }
        pending[charge] = (pending[charge] ?? 0).saturatingSubtract(ticket.reservedBytes)
        if pending[charge] == 0 { pending[charge] = nil }
        if case .job(let id) = charge, ticket.content.kind == .blob, let count = pendingItems[id]?[ticket.uploader] {
            pendingItems[id]?[ticket.uploader] = count > 1 ? count - 1 : nil
            if pendingItems[id]?.isEmpty == true { pendingItems[id] = nil }
        }
    }

    private static func charge(of record: UploadRecord) -> Charge? {
        if let job = record.job { return .job(job) }
        return record.uploader.map(Charge.account)
    }

    private mutating func insert(_ content: StoredContent, _ record: UploadRecord) {
        records[content] = record
        if let charge = Self.charge(of: record) { charged[charge, default: 0] += record.chargedBytes }
        if let job = record.job {
            jobItems[job, default: []].insert(content)
        } else if let uploader = record.uploader {
            unreferenced[uploader, default: []].insert(content)
        }
    }

    /// Forgets a deleted item.
    mutating func remove(_ content: StoredContent) {
        guard let record = records.removeValue(forKey: content) else { return }
        if let charge = Self.charge(of: record) {
            let left = (charged[charge] ?? 0).saturatingSubtract(record.chargedBytes)
            charged[charge] = left == 0 ? nil : left
        }
        if let job = record.job {
            jobItems[job]?.remove(content)
            if jobItems[job]?.isEmpty == true { jobItems[job] = nil }
        } else if let uploader = record.uploader {
            unreferenced[uploader]?.remove(content)
            if unreferenced[uploader]?.isEmpty == true { unreferenced[uploader] = nil }
        }
    }

    /// Moves `account`'s unreferenced uploads that one of its jobs now names onto that job.
    private mutating func reassignReferenced(of account: Address, state: MarketState) {
        guard let items = unreferenced[account], !items.isEmpty else { return }
        var owners: [Hash256: JobID] = [:]
        for (id, job) in state.jobs where job.client == account {
            for hash in [job.spec.workloadHash, job.spec.modelHash, job.spec.datasetHash] {
                owners[hash] = min(owners[hash] ?? id, id)
            }
        }
        for item in items where item.kind == .blob {
            guard let id = owners[item.hash], var record = records[item] else { continue }
            remove(item)
            record.job = id
            insert(item, record)
        }
    }

    // MARK: Collection

    /// The items to delete now, already forgotten here. An item is kept while a job that is not
    /// settled references it or was charged with it; a settled job's data for
    /// `settledRetentionSeconds` and its verified models for `modelRetentionSeconds` after the
    /// node saw it settle; an upload no job references for `unreferencedRetentionSeconds`.
    /// `manifest` returns the checkpoint hashes stored under a root.
    mutating func collect(state: MarketState, now: UInt64, manifest: (Hash256) -> [Hash256]?) -> [StoredContent] {
        for (id, job) in state.jobs where job.status.isFinal && settledAt[id] == nil { settledAt[id] = now }
        for account in Array(unreferenced.keys) { reassignReferenced(of: account, state: state) }
        var keep = Set<StoredContent>()
        for (id, job) in state.jobs {
            let settled = job.status.isFinal ? settledAt[id] ?? now : nil
            let dataKept = settled.map { now < $0.saturatingAdd(limits.settledRetentionSeconds) } ?? true
            let modelKept = settled.map { now < $0.saturatingAdd(limits.modelRetentionSeconds) } ?? true
            if dataKept {
                for hash in [job.spec.workloadHash, job.spec.modelHash, job.spec.datasetHash] {
                    keep.insert(StoredContent(kind: .blob, hash: hash))
                }
                for assignment in job.assignments {
                    guard let proof = assignment.proof else { continue }
                    keep.insert(StoredContent(kind: .manifest, hash: proof.checkpointRoot))
                    keep.insert(StoredContent(kind: .blob, hash: proof.resultHash))
                    for hash in manifest(proof.checkpointRoot) ?? [] { keep.insert(StoredContent(kind: .blob, hash: hash)) }
                }
            }
            if modelKept {
                for assignment in job.assignments where assignment.status == .verified {
                    if let proof = assignment.proof { keep.insert(StoredContent(kind: .blob, hash: proof.resultHash)) }
                }
            }
        }
        var doomed: [StoredContent] = []
        for (content, record) in records where !keep.contains(content) {
            let expiresAt: UInt64?
            if let id = record.job {
                if let job = state.jobs[id], !job.status.isFinal {
                    expiresAt = nil
                } else {
                    let settled = settledAt[id] ?? now
                    settledAt[id] = settled
                    expiresAt = settled.saturatingAdd(limits.settledRetentionSeconds)
                }
            } else {
                expiresAt = record.storedAt.saturatingAdd(limits.unreferencedRetentionSeconds)
            }
            if let expiresAt, now >= expiresAt { doomed.append(content) }
        }
        for content in doomed { remove(content) }
        return doomed
    }
}
