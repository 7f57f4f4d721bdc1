import MarketCore

/// Opens a chain from a block store: a new one from a genesis document, or an existing one by
/// restoring the latest snapshot and replaying the blocks after it, checking every hash and root.
/// A store whose bytes were altered fails here instead of silently diverging.
public enum ChainLoader {
    public enum LoadError: Error, CustomStringConvertible, Sendable {
        case noGenesis
        case genesisMismatch
        case corrupt(height: BlockHeight, String)
        case replay(ChainError)

        public var description: String {
            switch self {
            case .noGenesis: "the data directory holds no chain and no genesis file was given (create one with `depin genesis new`)"
            case .genesisMismatch: "the given genesis file differs from the one this data directory was created with"
            case .corrupt(let height, let reason): "stored chain is corrupt at height \(height): \(reason); run `depin chain verify` for details"
            case .replay(let error): "stored chain does not replay: \(error)"
            }
        }
    }

    public static func open(store: any BlockStore, genesis provided: GenesisDocument?) throws -> ChainEngine {
        guard let latest = try store.latestHeight() else {
            guard let provided else { throw LoadError.noGenesis }
            let engine = try ChainEngine(genesis: provided)
            try store.initialize(genesis: provided, header: engine.tip, changes: engine.state.snapshotEntries())
            return engine
        }
        guard let genesis = try store.genesis() else { throw LoadError.corrupt(height: 0, "genesis document missing") }
        if let provided, provided != genesis { throw LoadError.genesisMismatch }
        guard let snapshot = try store.latestSnapshot() else { throw LoadError.corrupt(height: 0, "no snapshot") }
        let anchor = try checkedBlock(store, at: snapshot.height)
        var state: MarketState
        do {
            state = try MarketState(restoring: snapshot.entries, height: snapshot.height, previousBlockHash: anchor.header.previousHash)
        } catch {
            throw LoadError.corrupt(height: snapshot.height, "snapshot does not decode: \(error)")
        }
        guard state.stateRoot() == anchor.header.stateRoot else {
            throw LoadError.corrupt(height: snapshot.height, "snapshot state root differs from the block header")
        }
        var engine = ChainEngine(chainID: genesis.chainID, state: state, tip: anchor.header)
        if snapshot.height < latest {
            for height in (snapshot.height + 1)...latest {
                let stored = try checkedBlock(store, at: height)
                let block: Block
                do {
                    block = try Block(header: stored.header, bodyBytes: stored.bodyBytes)
                } catch {
                    throw LoadError.corrupt(height: height, "block body does not decode")
                }
                do {
                    _ = try engine.replay(block, verifySignatures: false)
                } catch {
                    throw LoadError.replay(error)
                }
            }
        }
        return engine
    }

    static func checkedBlock(_ store: any BlockStore, at height: BlockHeight) throws -> StoredBlock {
        guard let stored = try store.storedBlock(at: height) else { throw LoadError.corrupt(height: height, "block missing") }
        guard stored.header.height == height else { throw LoadError.corrupt(height: height, "header height differs") }
        guard stored.header.hash == stored.recordedHash else {
            throw LoadError.corrupt(height: height, "header hash differs from the recorded hash")
        }
        return stored
    }
}
