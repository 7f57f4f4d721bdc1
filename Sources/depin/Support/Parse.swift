import ArgumentParser
import MarketCore
import MarketLedger

/// Checked parsing of command-line values, with messages that say what is expected.
/// Used in `validate()` (to fail before any network call) and again in `run()`.
enum Parse {
    /// Decimal tokens with at most six decimals: `12`, `12.5`, `0.000001`.
    static func amount(_ text: String, _ flag: String, allowZero: Bool = false) throws -> Amount {
        guard let amount = Amount(tokens: text) else {
            throw ValidationError("\(flag) must be a token amount like 12 or 0.25 (at most 6 decimals), got '\(text)'.")
        }
        guard allowZero || !amount.isZero else { throw ValidationError("\(flag) must be greater than zero.") }
        return amount
    }

    /// `consumer`, `prosumer` or `datacenter` (or 1-3).
    static func tier(_ text: String, _ flag: String = "--tier") throws -> GPUTier {
        guard let tier = GPUTier(name: text) else {
            throw ValidationError("\(flag) must be consumer, prosumer or datacenter (or 1-3), got '\(text)'.")
        }
        return tier
    }

    /// 64 hex digits, optionally prefixed with `0x`.
    static func hash(_ text: String, _ flag: String) throws -> Hash256 {
        let digits = text.hasPrefix("0x") ? String(text.dropFirst(2)) : text
        guard let hash = Hash256(hex: digits) else {
            throw ValidationError("\(flag) must be 64 hex digits (a SHA-256), got \(digits.count) characters: '\(text)'.")
        }
        return hash
    }

    /// A `depin1...` address; key names are resolved by `ClientOptions.address(_:)`.
    static func isAddressSyntax(_ text: String) -> Bool {
        text.hasPrefix(Address.textPrefix + "1")
    }

    /// Checks that `text` is an address with a valid checksum or a valid key name.
    static func checkAddressOrKeyName(_ text: String, _ flag: String) throws {
        if isAddressSyntax(text) {
            guard Address(text) != nil else {
                throw ValidationError("\(flag): '\(text)' is not a valid address (bad length or checksum).")
            }
        } else if !KeyFile.isValidName(text) {
            throw ValidationError("\(flag) must be a depin1... address or a key name, got '\(text)'.")
        }
    }

    static func keyName(_ text: String, _ flag: String) throws {
        guard KeyFile.isValidName(text) else {
            throw ValidationError("\(flag): '\(text)' is not a valid key name (1-64 of A-Z a-z 0-9 . _ -, not starting with '.').")
        }
    }

    /// `SEG:START:END`: a segment index and the two checkpoint hashes recomputed for it.
    static func evidence(_ text: String) throws -> SegmentEvidence {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, let segment = UInt32(parts[0]) else {
            throw ValidationError("--evidence must be SEGMENT:START_HASH:END_HASH (index and two 64-hex hashes), got '\(text)'.")
        }
        return SegmentEvidence(
            segment: segment, startHash: try hash(parts[1], "--evidence start hash"),
            endHash: try hash(parts[2], "--evidence end hash"))
    }

    /// `NAME=VALUE` with a non-empty name.
    static func assignment(_ text: String, _ flag: String) throws -> (name: String, value: String) {
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
            throw ValidationError("\(flag) must be NAME=AMOUNT, got '\(text)'.")
        }
        return (String(text[..<equals]), String(text[text.index(after: equals)...]))
    }

    static func positive<T: BinaryInteger>(_ value: T, _ flag: String) throws {
        guard value > 0 else { throw ValidationError("\(flag) must be at least 1.") }
    }
}
