import MarketCore

extension SignedTransaction {
    /// Decodes signed bytes strictly: the input must be at most `maxByteCount` bytes, use every
    /// byte, and be the one canonical encoding of its contents. Does not verify the signature.
    public init(decoding bytes: [UInt8], maxByteCount: Int = SignedTransaction.defaultMaxByteCount) throws(LedgerError) {
        guard bytes.count <= maxByteCount else { throw .oversized }
        // Version and chain id length first, so a newer envelope reports as such rather than as
        // whatever its different layout happens to break.
        guard let version = bytes.first else { throw .malformed }
        guard version == SignedTransaction.version else { throw .unsupportedVersion }
        var reader = CanonicalReader(bytes)
        let chainIDLength: UInt32
        do throws(CanonicalDecodingError) {
            _ = try reader.readUInt8()
            chainIDLength = try reader.readUInt32()
        } catch {
            throw Self.ledgerError(for: error)
        }
        guard SignedTransaction.chainIDByteCounts.contains(Int(chainIDLength)) else { throw .invalidChainID }

        let chainIDBytes: [UInt8]
        let publicKey: [UInt8]
        let nonce: UInt64
        let fee: Amount
        let body: TransactionBody
        let signature: [UInt8]
        do throws(CanonicalDecodingError) {
            chainIDBytes = try reader.readRaw(Int(chainIDLength))
            publicKey = try reader.readRaw(SignedTransaction.publicKeyByteCount)
            nonce = try reader.readUInt64()
            fee = try reader.readAmount()
            body = try reader.read(TransactionBody.self)
            signature = try reader.readRaw(SignedTransaction.signatureByteCount)
            try reader.finish()
        } catch {
            throw Self.ledgerError(for: error)
        }
        guard SignedTransaction.isValidChainID(chainIDBytes) else { throw .invalidChainID }

        let decoded = SignedTransaction(
            checkedChainID: String(decoding: chainIDBytes, as: UTF8.self), publicKey: publicKey, nonce: nonce,
            fee: fee, body: body, signature: signature, id: Hash256.sha256(bytes))
        // Defence in depth: whatever the field decoders accepted must re-encode to the same bytes.
        guard decoded.signedBytes == bytes else { throw .nonCanonical }
        self = decoded
    }

    static func ledgerError(for error: CanonicalDecodingError) -> LedgerError {
        switch error {
        case .trailingBytes: .trailingBytes
        case .invalidTag(let type, _) where type == "transaction body": .unknownBodyTag
        // A bool or option byte other than 0/1 is a second spelling of a value.
        case .invalidBool, .invalidTag("optional", _): .nonCanonical
        case .tooLong: .oversized
        case .truncated, .invalidTag, .invalidUTF8, .invalidValue: .malformed
        }
    }
}
