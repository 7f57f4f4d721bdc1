import MarketCore

/// `depin chain verify`: replays a stored chain from genesis and checks every signature (in
/// parallel), hash link, transaction and results root, recorded state change, snapshot and
/// state root. Reports the first bad height and why.
public struct ChainVerifier: Sendable {
    public struct Report: Sendable {
        public var blocks: Int = 0
        public var transactions: Int = 0
        public var snapshotsChecked: Int = 0
        public var firstFailure: (height: BlockHeight, reason: String)?

        public var isValid: Bool { firstFailure == nil }

        public init() {}
    }

    public let store: any BlockStore
    /// Blocks whose signatures are verified together across cores.
    public var batchSize = 64

    public init(store: any BlockStore) {
        self.store = store
    }

    /// Verifies the whole chain; `progress` is called with (height, latest) after each block.
    public func verify(progress: (@Sendable (BlockHeight, BlockHeight) -> Void)? = nil) async -> Report {
        var report = Report()
        do {
            try await run(&report, progress: progress)
        } catch let failure as Failure {
            report.firstFailure = (failure.height, failure.reason)
        } catch {
            report.firstFailure = (BlockHeight(report.blocks), "\(error)")
        }
        return report
    }

    private struct Failure: Error {
        var height: BlockHeight
        var reason: String
    }

    private func run(_ report: inout Report, progress: (@Sendable (BlockHeight, BlockHeight) -> Void)?) async throws {
        guard let genesis = try store.genesis() else { throw Failure(height: 0, reason: "no genesis document") }
        guard let latest = try store.latestHeight() else { throw Failure(height: 0, reason: "no blocks") }
        var engine = try ChainEngine(genesis: genesis)
        let snapshotHeights = Set(try store.snapshotHeights())
        if snapshotHeights.contains(0) {
            try checkSnapshot(at: 0, expected: engine.state)
            report.snapshotsChecked += 1
        }
        let genesisBlock = try stored(at: 0)
        guard genesisBlock.header == engine.tip else { throw Failure(height: 0, reason: "genesis header differs from the genesis document") }
        try checkChanges(at: 0, expected: engine.state.snapshotEntries())
        report.blocks = 1
        var height: BlockHeight = 1
        while height <= latest {
            let last = min(latest, height + BlockHeight(batchSize) - 1)
            var blocks: [Block] = []
            for current in height...last {
                let row = try stored(at: current)
                do {
                    blocks.append(try Block(header: row.header, bodyBytes: row.bodyBytes))
                } catch {
                    throw Failure(height: current, reason: "block body does not decode")
                }
            }
            try await verifySignatures(blocks, chainID: genesis.chainID)
            for block in blocks {
                let commit: StateCommit
                do {
                    commit = try engine.replay(block, verifySignatures: false)
                } catch {
                    throw Failure(height: error.height, reason: error.description)
                }
                try checkChanges(at: block.height, expected: commit.changes)
                if snapshotHeights.contains(block.height) {
                    try checkSnapshot(at: block.height, expected: engine.state)
                    report.snapshotsChecked += 1
                }
                for (position, transaction) in block.transactions.enumerated() {
                    let location = try store.location(ofTransaction: transaction.id)
                    guard location == TransactionLocation(height: block.height, position: position) else {
                        throw Failure(height: block.height, reason: "transaction index entry \(position) is missing or wrong")
                    }
                }
                report.blocks += 1
                report.transactions += block.transactions.count
                progress?(block.height, latest)
            }
            height = last + 1
        }
    }

    private func stored(at height: BlockHeight) throws -> StoredBlock {
        guard let row = try store.storedBlock(at: height) else { throw Failure(height: height, reason: "block missing") }
        guard row.header.hash == row.recordedHash else {
            throw Failure(height: height, reason: "header bytes do not hash to the recorded block hash")
        }
        return row
    }

    private func checkChanges(at height: BlockHeight, expected: [StateChange]) throws {
        let recorded = try store.stateChanges(at: height)
        let key: (StateChange) -> [UInt8] = { $0.key.canonicalBytes }
        let sortedRecorded = recorded.sorted { key($0).lexicographicallyPrecedes(key($1)) }
        let sortedExpected = expected.sorted { key($0).lexicographicallyPrecedes(key($1)) }
        guard sortedRecorded == sortedExpected else {
            throw Failure(height: height, reason: "recorded state changes differ from the replayed changes")
        }
    }

    /// A stored snapshot must hold exactly the replayed state's entries at its height.
    private func checkSnapshot(at height: BlockHeight, expected: MarketState) throws {
        let snapshot: StateSnapshot?
        do {
            snapshot = try store.snapshot(at: height)
        } catch {
            throw Failure(height: height, reason: "snapshot unreadable: \(error)")
        }
        guard let snapshot else { throw Failure(height: height, reason: "snapshot listed but missing") }
        let key: (StateChange) -> [UInt8] = { $0.key.canonicalBytes }
        let stored = snapshot.entries.sorted { key($0).lexicographicallyPrecedes(key($1)) }
        guard stored == expected.snapshotEntries() else {
            throw Failure(height: height, reason: "snapshot differs from the replayed state")
        }
    }

    /// Checks every signature of `blocks` on all cores; the first failure in chain order wins.
    private func verifySignatures(_ blocks: [Block], chainID: String) async throws {
        let positions = blocks.flatMap { block in block.transactions.indices.map { (block.height, $0) } }
        let results = await ParallelVerifier.verify(blocks.flatMap(\.transactions), chainID: chainID)
        for ((height, index), result) in zip(positions, results) {
            if case .failure(let error) = result {
                throw Failure(height: height, reason: ChainError.badTransaction(height: height, index: index, error).description)
            }
        }
    }
}
