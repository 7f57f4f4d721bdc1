import Foundation
import GRDB
import MarketCore
import MarketLedger

/// Errors of the SQLite store, keeping SQLite's own result code where there is one.
public enum SQLiteStoreError: Error, CustomStringConvertible, Sendable {
    case notDurable(synchronous: Int)
    case alreadyInitialized
    case corrupt(String)
    case database(code: Int32, message: String)

    public var description: String {
        switch self {
        case .notDurable(let value): "SQLite synchronous mode is \(value) after opening, not FULL (2); refusing to run without durable commits"
        case .alreadyInitialized: "the data directory already holds a chain"
        case .corrupt(let reason): "stored data is corrupt: \(reason)"
        case .database(let code, let message): "SQLite error \(code): \(message)"
        }
    }
}

/// The embedded block store: one SQLite file in WAL mode with `synchronous = FULL`, checked after
/// opening (GRDB's WAL setup sets NORMAL after `prepareDatabase`, so it is set again and read back).
/// Every block is one write transaction; snapshots ride in the transaction of their block.
public final class SQLiteBlockStore: BlockStore {
    private let pool: DatabasePool
    /// Snapshots kept on disk; older ones are deleted in the transaction that writes a new one.
    public let retainedSnapshots: Int

    public init(path: String, retainedSnapshots: Int = 2) throws {
        precondition(retainedSnapshots >= 1, "keep at least one snapshot")
        self.retainedSnapshots = retainedSnapshots
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            let synchronous = try pool.writeWithoutTransaction { db -> Int in
                try db.execute(sql: "PRAGMA synchronous = FULL")
                // A 64 MiB page cache keeps the transaction index's B-tree hot as it grows.
                try db.execute(sql: "PRAGMA cache_size = -65536")
                return try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1
            }
            guard synchronous == 2 else { throw SQLiteStoreError.notDurable(synchronous: synchronous) }
            try SQLiteBlockStore.migrator.migrate(pool)
        } catch let error as DatabaseError {
            throw SQLiteStoreError.database(code: error.resultCode.rawValue, message: error.message ?? "\(error)")
        }
    }

    /// The `synchronous` pragma in effect on the writer connection (2 = FULL).
    public func synchronousMode() throws -> Int {
        try pool.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1 }
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-chain") { db in
            try db.execute(sql: """
                CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value BLOB NOT NULL);
                CREATE TABLE blocks (
                    height INTEGER PRIMARY KEY NOT NULL,
                    hash BLOB NOT NULL UNIQUE,
                    header BLOB NOT NULL,
                    body BLOB NOT NULL
                );
                CREATE TABLE transactions (
                    id BLOB PRIMARY KEY NOT NULL,
                    height INTEGER NOT NULL,
                    position INTEGER NOT NULL
                ) WITHOUT ROWID;
                CREATE TABLE state_changes (
                    height INTEGER NOT NULL,
                    key BLOB NOT NULL,
                    value BLOB,
                    PRIMARY KEY (height, key)
                ) WITHOUT ROWID;
                CREATE TABLE snapshots (height INTEGER PRIMARY KEY NOT NULL, entry_count INTEGER NOT NULL);
                CREATE TABLE snapshot_entries (
                    height INTEGER NOT NULL,
                    key BLOB NOT NULL,
                    value BLOB NOT NULL,
                    PRIMARY KEY (height, key)
                ) WITHOUT ROWID;
                """)
        }
        return migrator
    }

    public func initialize(genesis: GenesisDocument, header: BlockHeader, changes: [StateChange]) throws {
        let genesisJSON = try genesis.jsonData()
        try write { db in
            guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM blocks") == 0 else { throw SQLiteStoreError.alreadyInitialized }
            try db.execute(sql: "INSERT INTO meta (key, value) VALUES ('genesis', ?)", arguments: [genesisJSON])
            try db.execute(sql: "INSERT INTO blocks (height, hash, header, body) VALUES (0, ?, ?, ?)",
                           arguments: [Data(header.hash.bytes), Data(header.canonicalBytes), Data()])
            try SQLiteBlockStore.insertChanges(db, height: 0, changes: changes)
            try SQLiteBlockStore.insertSnapshot(db, StateSnapshot(height: 0, entries: changes), retained: retainedSnapshots)
        }
    }

    public func genesis() throws -> GenesisDocument? {
        let data = try read { db in try Data.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'genesis'") }
        guard let data else { return nil }
        do {
            return try JSONDecoder().decode(GenesisDocument.self, from: data)
        } catch {
            throw SQLiteStoreError.corrupt("genesis document: \(error)")
        }
    }

    public func append(_ block: Block, changes: [StateChange], snapshot: StateSnapshot?) throws {
        let header = block.header
        let body = block.bodyBytes
        try write { db in
            try db.execute(sql: "INSERT INTO blocks (height, hash, header, body) VALUES (?, ?, ?, ?)",
                           arguments: [Int64(header.height), Data(header.hash.bytes), Data(header.canonicalBytes), Data(body)])
            let statement = try db.makeStatement(sql: "INSERT INTO transactions (id, height, position) VALUES (?, ?, ?)")
            for (position, transaction) in block.transactions.enumerated() {
                try statement.execute(arguments: [Data(transaction.id.bytes), Int64(header.height), position])
            }
            try SQLiteBlockStore.insertChanges(db, height: header.height, changes: changes)
            if let snapshot {
                try SQLiteBlockStore.insertSnapshot(db, snapshot, retained: retainedSnapshots)
            }
        }
    }

    private static func insertChanges(_ db: Database, height: BlockHeight, changes: [StateChange]) throws {
        let statement = try db.makeStatement(sql: "INSERT INTO state_changes (height, key, value) VALUES (?, ?, ?)")
        for change in changes {
            try statement.execute(arguments: [Int64(height), Data(change.key.canonicalBytes), change.value.map { Data($0) }])
        }
    }

    private static func insertSnapshot(_ db: Database, _ snapshot: StateSnapshot, retained: Int) throws {
        try db.execute(sql: "INSERT INTO snapshots (height, entry_count) VALUES (?, ?)",
                       arguments: [Int64(snapshot.height), snapshot.entries.count])
        let statement = try db.makeStatement(sql: "INSERT INTO snapshot_entries (height, key, value) VALUES (?, ?, ?)")
        for entry in snapshot.entries {
            guard let value = entry.value else { continue }
            try statement.execute(arguments: [Int64(snapshot.height), Data(entry.key.canonicalBytes), Data(value)])
        }
        let stale = try Int64.fetchAll(db, sql: "SELECT height FROM snapshots ORDER BY height DESC LIMIT -1 OFFSET ?",
                                       arguments: [retained])
        for height in stale {
            try db.execute(sql: "DELETE FROM snapshot_entries WHERE height = ?", arguments: [height])
            try db.execute(sql: "DELETE FROM snapshots WHERE height = ?", arguments: [height])
        }
    }

    public func latestHeight() throws -> BlockHeight? {
        try read { db in try Int64.fetchOne(db, sql: "SELECT MAX(height) FROM blocks").map { BlockHeight($0) } }
    }

    public func storedBlock(at height: BlockHeight) throws -> StoredBlock? {
        // Heights are stored as SQLite integers; none past Int64.max can exist (and a client may ask for one).
        guard let key = Int64(exactly: height) else { return nil }
        let row = try read { db in
            try Row.fetchOne(db, sql: "SELECT hash, header, body FROM blocks WHERE height = ?", arguments: [key])
        }
        guard let row else { return nil }
        let hashData: Data = row["hash"]
        let headerData: Data = row["header"]
        let bodyData: Data = row["body"]
        guard let recorded = Hash256(bytes: Array(hashData)) else { throw SQLiteStoreError.corrupt("block \(height): hash column") }
        let header: BlockHeader
        do {
            header = try BlockHeader(canonicalBytes: Array(headerData))
        } catch {
            throw SQLiteStoreError.corrupt("block \(height): header does not decode (\(error))")
        }
        return StoredBlock(header: header, recordedHash: recorded, bodyBytes: Array(bodyData))
    }

    public func stateChanges(at height: BlockHeight) throws -> [StateChange] {
        let rows = try read { db in
            try Row.fetchAll(db, sql: "SELECT key, value FROM state_changes WHERE height = ?", arguments: [Int64(height)])
        }
        return try rows.map { row in
            let keyData: Data = row["key"]
            let valueData: Data? = row["value"]
            do {
                return StateChange(key: try StateKey(canonicalBytes: Array(keyData)), value: valueData.map { Array($0) })
            } catch {
                throw SQLiteStoreError.corrupt("state change key at height \(height)")
            }
        }
    }

    public func latestSnapshot() throws -> StateSnapshot? {
        guard let height = try read({ db in try Int64.fetchOne(db, sql: "SELECT MAX(height) FROM snapshots") }) else { return nil }
        return try snapshot(at: BlockHeight(height))
    }

    public func snapshot(at height: BlockHeight) throws -> StateSnapshot? {
        try read { db in
            guard let count = try Int.fetchOne(db, sql: "SELECT entry_count FROM snapshots WHERE height = ?", arguments: [Int64(height)])
            else { return nil }
            var entries: [StateChange] = []
            entries.reserveCapacity(max(0, count))
            let cursor = try Row.fetchCursor(db, sql: "SELECT key, value FROM snapshot_entries WHERE height = ?", arguments: [Int64(height)])
            while let row = try cursor.next() {
                let keyData: Data = row["key"]
                let valueData: Data = row["value"]
                do {
                    entries.append(StateChange(key: try StateKey(canonicalBytes: Array(keyData)), value: Array(valueData)))
                } catch {
                    throw SQLiteStoreError.corrupt("snapshot \(height): entry key does not decode")
                }
            }
            guard entries.count == count else { throw SQLiteStoreError.corrupt("snapshot \(height): entry count") }
            return StateSnapshot(height: height, entries: entries)
        }
    }

    public func snapshotHeights() throws -> [BlockHeight] {
        try read { db in try Int64.fetchAll(db, sql: "SELECT height FROM snapshots ORDER BY height").map { BlockHeight($0) } }
    }

    public func location(ofTransaction id: Hash256) throws -> TransactionLocation? {
        let row = try read { db in
            try Row.fetchOne(db, sql: "SELECT height, position FROM transactions WHERE id = ?", arguments: [Data(id.bytes)])
        }
        guard let row else { return nil }
        let height: Int64 = row["height"]
        let position: Int = row["position"]
        return TransactionLocation(height: BlockHeight(height), position: position)
    }

    /// Every committed transaction id with its location, for verification of the index.
    public func transactionIndexCount() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM transactions") ?? 0 }
    }

    private func write<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.write(body)
        } catch let error as DatabaseError {
            throw SQLiteStoreError.database(code: error.resultCode.rawValue, message: error.message ?? "\(error)")
        }
    }

    private func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.read(body)
        } catch let error as DatabaseError {
            throw SQLiteStoreError.database(code: error.resultCode.rawValue, message: error.message ?? "\(error)")
        }
    }
}
