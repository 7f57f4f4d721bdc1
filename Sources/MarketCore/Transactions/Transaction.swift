/// A transaction as the state machine sees it: the ledger has already checked the signature and
/// derived `sender` from the signing key.
public struct Transaction: Hashable, Sendable {
    public var sender: Address
    public var nonce: UInt64
    public var fee: Amount
    public var body: TransactionBody

    public init(sender: Address, nonce: UInt64, fee: Amount, body: TransactionBody) {
        self.sender = sender
        self.nonce = nonce
        self.fee = fee
        self.body = body
    }
}

/// What happened to an included transaction. A failed one still consumed its nonce and fee.
public enum TransactionOutcome: Hashable, Sendable {
    case succeeded([MarketEvent])
    case failed(MarketError)

    public var error: MarketError? {
        if case .failed(let error) = self { return error }
        return nil
    }

    public var events: [MarketEvent] {
        if case .succeeded(let events) = self { return events }
        return []
    }
}

extension TransactionOutcome: CanonicalCodable {
    public func encode(to writer: inout CanonicalWriter) {
        switch self {
        case .succeeded(let events):
            writer.write(UInt8(0))
            writer.write(events)
        case .failed(let error):
            writer.write(UInt8(1))
            writer.write(error.rawValue)
        }
    }

    public init(from reader: inout CanonicalReader) throws(CanonicalDecodingError) {
        let tag = try reader.readUInt8()
        switch tag {
        case 0: self = .succeeded(try reader.readArray(of: MarketEvent.self, field: "events", maxCount: 4_096))
        case 1:
            let code = try reader.readUInt16()
            guard let error = MarketError(rawValue: code) else { throw .invalidValue("unknown error code \(code)") }
            self = .failed(error)
        default: throw .invalidTag("outcome", tag)
        }
    }
}
