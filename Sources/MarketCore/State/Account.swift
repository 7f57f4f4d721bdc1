/// A token account: spendable balance and the nonce its next transaction must carry.
public struct Account: Hashable, Sendable, CanonicalCodable {
    public var balance: Amount
    public var nonce: UInt64

    public init(balance: Amount = .zero, nonce: UInt64 = 0) {
        self.balance = balance
        self.nonce = nonce
    }

    public func encode(to writer: inout CanonicalWriter) {
        writer.write(balance)
        writer.write(nonce)
    }

    public init(from reader: inout CanonicalReader) throws(CanonicalDecodingError) {
        balance = try reader.readAmount()
        nonce = try reader.readUInt64()
    }
}
