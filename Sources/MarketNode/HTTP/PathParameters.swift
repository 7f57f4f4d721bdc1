import Hummingbird
import MarketCore

/// Typed path parameters; a value that does not parse is a 400 (701 invalid-field).
extension NodeRequestContext {
    func pathText(_ name: String) throws(APIFailure) -> String {
        guard let text = parameters.get(name), !text.isEmpty else { throw .invalidField("missing path parameter `\(name)`") }
        return text
    }

    func pathAddress(_ name: String = "address") throws(APIFailure) -> Address {
        let text = try pathText(name)
        guard let address = Address(text) else {
            throw .invalidField("'\(text)' is not a valid depin1... address (bad prefix, length or checksum)")
        }
        return address
    }

    func pathHash(_ name: String) throws(APIFailure) -> Hash256 {
        let text = try pathText(name)
        guard let hash = Hash256(hex: text) else { throw .invalidField("`\(name)` must be 64 hex characters, got '\(text)'") }
        return hash
    }

    func pathInteger(_ name: String) throws(APIFailure) -> UInt64 {
        let text = try pathText(name)
        guard let value = UInt64(text) else { throw .invalidField("`\(name)` must be a non-negative integer, got '\(text)'") }
        return value
    }
}
