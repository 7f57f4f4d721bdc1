import MarketCore

/// A full state snapshot taken right after the block at `height`.
public struct StateSnapshot: Sendable {
    public var height: BlockHeight
    public var entries: [StateChange]

    public init(height: BlockHeight, entries: [StateChange]) {
        self.height = height
        self.entries = entries
    }
}

/// A stored block row: the header, the hash recorded with it, and the body.
public struct StoredBlock: Sendable {
    public var header: BlockHeader
    public var recordedHash: Hash256
    public var bodyBytes: [UInt8]

    public init(header: BlockHeader, recordedHash: Hash256, bodyBytes: [UInt8]) {
        self.header = header
        self.recordedHash = recordedHash
        self.bodyBytes = bodyBytes
    }
}

/// Where a committed transaction lives.
public struct TransactionLocation: Hashable, Sendable {
    public var height: BlockHeight
    public var position: Int

    public init(height: BlockHeight, position: Int) {
        self.height = height
        self.position = position
    }
}

/// Durable chain storage. `append` commits a block, its results, its state changes and (when
/// given) a snapshot in ONE durable transaction: when it returns, all of it survives a crash, and
/// if it throws or the process dies first, none of it is visible. Implementations: SQLite (GRDB);
/// PostgreSQL later, behind the same protocol.
public protocol BlockStore: Sendable {
    /// Records the genesis document and block 0; only on an empty store.
    func initialize(genesis: GenesisDocument, header: BlockHeader, changes: [StateChange]) throws
    func genesis() throws -> GenesisDocument?
    func append(_ block: Block, changes: [StateChange], snapshot: StateSnapshot?) throws
    func latestHeight() throws -> BlockHeight?
    func storedBlock(at height: BlockHeight) throws -> StoredBlock?
    func stateChanges(at height: BlockHeight) throws -> [StateChange]
    func latestSnapshot() throws -> StateSnapshot?
    func snapshot(at height: BlockHeight) throws -> StateSnapshot?
    func snapshotHeights() throws -> [BlockHeight]
    func location(ofTransaction id: Hash256) throws -> TransactionLocation?
}
