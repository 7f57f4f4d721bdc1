import DepinTestSupport
import Foundation
import GRDB
import MarketCore
import MarketLedger
import MarketSimulation
import MarketStoreSQLite
import Testing

/// Flip one stored byte anywhere in a block header, block body, recorded state change or
/// snapshot entry: verification must name a bad height, or the node must refuse to open.
@Suite("Tamper detection")
struct TamperTests {
    enum Target: String, CaseIterable, Sendable {
        case blockHeader, blockBody, blockHash, stateChange, snapshotEntry
    }

    static func buildChain() async throws -> ChainFixture {
        let fixture = try ChainFixture()
        let ledger = try Ledger(store: try fixture.openStore(), genesis: fixture.genesis, configuration: fixture.configuration(snapshotInterval: 4))
        try await fixture.buildChain(ledger: ledger, blocks: 10)
        return fixture
    }

    /// Copies the database to a new directory so each tamper starts from the intact chain.
    static func copy(_ fixture: ChainFixture) throws -> String {
        let target = FileManager.default.temporaryDirectory.appendingPathComponent("depin-tamper-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        for suffix in ["", "-wal", "-shm"] {
            let source = fixture.databasePath + suffix
            if FileManager.default.fileExists(atPath: source) {
                try FileManager.default.copyItem(atPath: source, toPath: target.appendingPathComponent("chain.sqlite" + suffix).path)
            }
        }
        return target.appendingPathComponent("chain.sqlite").path
    }

    /// Flips one bit of one stored value chosen by `random`; returns a description.
    static func tamper(path: String, target: Target, random: inout SplitMix64) throws -> String {
        let queue = try DatabaseQueue(path: path)
        return try queue.write { db -> String in
            let (table, column, keyColumns): (String, String, [String]) = switch target {
            case .blockHeader: ("blocks", "header", ["height"])
            case .blockBody: ("blocks", "body", ["height"])
            case .blockHash: ("blocks", "hash", ["height"])
            case .stateChange: ("state_changes", "value", ["height", "key"])
            case .snapshotEntry: ("snapshot_entries", "value", ["height", "key"])
            }
            let keys = keyColumns.joined(separator: ", ")
            let rows = try Row.fetchAll(db, sql: "SELECT \(keys), \(column) AS v FROM \(table) WHERE length(\(column)) > 0")
            guard let row = random.pick(rows) else { return "nothing to tamper" }
            var bytes = [UInt8]((row["v"] as Data?) ?? Data())
            let position = random.int(in: 0...(bytes.count - 1))
            bytes[position] ^= UInt8(1 << random.int(in: 0...7))
            let condition = keyColumns.map { "\($0) = ?" }.joined(separator: " AND ")
            var arguments: [any DatabaseValueConvertible] = [Data(bytes)]
            for key in keyColumns { arguments.append(row[key] as DatabaseValue) }
            try db.execute(sql: "UPDATE \(table) SET \(column) = ? WHERE \(condition)", arguments: StatementArguments(arguments))
            let rowid = keyColumns.map { "\(row[$0] as DatabaseValue)" }.joined(separator: "/")
            return "\(table).\(column) row \(rowid) byte \(position)"
        }
    }

    @Test("Every random single-byte corruption of stored blocks, results, changes and snapshots is detected",
          arguments: Target.allCases)
    func corruptionIsDetected(target: Target) async throws {
        let fixture = try await Self.buildChain()
        var random = SplitMix64(seed: UInt64(target.rawValue.utf8.reduce(0) { $0 &* 31 &+ UInt64($1) }))
        for _ in 0..<8 {
            let path = try Self.copy(fixture)
            let what = try Self.tamper(path: path, target: target, random: &random)
            let store = try SQLiteBlockStore(path: path)
            let report = await ChainVerifier(store: store).verify()
            let refusedToOpen = (try? ChainLoader.open(store: store, genesis: nil)) == nil
            #expect(!report.isValid || refusedToOpen, "undetected: \(what)")
            if target != .snapshotEntry {
                #expect(!report.isValid, "chain verify missed: \(what)")
            } else {
                #expect(!report.isValid || refusedToOpen, "snapshot corruption missed: \(what)")
            }
        }
    }
}
