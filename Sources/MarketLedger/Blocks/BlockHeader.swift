import MarketCore

/// A block header. Its tagged hash is the block's identity and links the next block to it.
public struct BlockHeader: Hashable, Sendable, CanonicalCodable {
    public static let version: UInt8 = 1

    public var chainID: String
    public var height: BlockHeight
    public var previousHash: Hash256
    /// Milliseconds since 1970 as the sequencer's clock read it; informational, not used by rules.
    public var timestampMillis: UInt64
    /// Merkle root (`MerkleList`) of the included transaction ids, in block order.
    public var transactionsRoot: Hash256
    /// Merkle root of the boundary-events hash followed by each transaction's result hash.
    public var resultsRoot: Hash256
    /// State commitment after the block.
    public var stateRoot: Hash256
    public var transactionCount: UInt32

    public init(chainID: String, height: BlockHeight, previousHash: Hash256, timestampMillis: UInt64,
                transactionsRoot: Hash256, resultsRoot: Hash256, stateRoot: Hash256, transactionCount: UInt32) {
        self.chainID = chainID
        self.height = height
        self.previousHash = previousHash
        self.timestampMillis = timestampMillis
        self.transactionsRoot = transactionsRoot
        self.resultsRoot = resultsRoot
        self.stateRoot = stateRoot
        self.transactionCount = transactionCount
    }

    /// The block hash: tagged SHA-256 of the header's canonical bytes.
    public var hash: Hash256 { Hash256.tagged("depin/block", canonicalBytes) }

    public func encode(to writer: inout CanonicalWriter) {
        writer.write(BlockHeader.version)
        writer.write(chainID)
        writer.write(height)
        writer.write(previousHash)
        writer.write(timestampMillis)
        writer.write(transactionsRoot)
        writer.write(resultsRoot)
        writer.write(stateRoot)
        writer.write(transactionCount)
    }

    public init(from reader: inout CanonicalReader) throws(CanonicalDecodingError) {
        let version = try reader.readUInt8()
        guard version == BlockHeader.version else { throw .invalidTag("block version", version) }
        chainID = try reader.readString(field: "chain id", maxLength: 64)
        height = try reader.readUInt64()
        previousHash = try reader.readHash()
        timestampMillis = try reader.readUInt64()
        transactionsRoot = try reader.readHash()
        resultsRoot = try reader.readHash()
        stateRoot = try reader.readHash()
        transactionCount = try reader.readUInt32()
    }
}
