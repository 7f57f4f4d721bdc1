/// An amount of the market's token in integer micro-units (1 token = 1,000,000 micro-units).
///
/// All arithmetic is checked: overflow and underflow throw `MarketError.arithmeticOverflow` or
/// `MarketError.insufficientBalance` instead of trapping, so a bad transaction fails alone.
public struct Amount: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var microUnits: UInt64

    public static let zero = Amount(microUnits: 0)
    public static let microUnitsPerToken: UInt64 = 1_000_000

    public init(microUnits: UInt64) {
        self.microUnits = microUnits
    }

    /// Whole tokens; traps only on literal misuse in code (programmer error), never on external input.
    public static func tokens(_ whole: UInt64) -> Amount {
        let (value, overflow) = whole.multipliedReportingOverflow(by: microUnitsPerToken)
        precondition(!overflow, "token literal out of range")
        return Amount(microUnits: value)
    }

    public var isZero: Bool { microUnits == 0 }

    public func adding(_ other: Amount) throws(MarketError) -> Amount {
        let (value, overflow) = microUnits.addingReportingOverflow(other.microUnits)
        guard !overflow else { throw .arithmeticOverflow }
        return Amount(microUnits: value)
    }

    /// Subtracts, throwing `insufficientBalance` when `other` exceeds `self`.
    public func subtracting(_ other: Amount) throws(MarketError) -> Amount {
        guard other.microUnits <= microUnits else { throw .insufficientBalance }
        return Amount(microUnits: microUnits - other.microUnits)
    }

    /// Subtracts and clamps at zero; for slashing "up to" an amount.
    public func saturatingSubtracting(_ other: Amount) -> Amount {
        Amount(microUnits: microUnits >= other.microUnits ? microUnits - other.microUnits : 0)
    }

    public func multiplied(by factor: UInt64) throws(MarketError) -> Amount {
        let (value, overflow) = microUnits.multipliedReportingOverflow(by: factor)
        guard !overflow else { throw .arithmeticOverflow }
        return Amount(microUnits: value)
    }

    /// `floor(self * basisPoints / 10_000)`, computed in 128 bits so it never overflows.
    public func share(basisPoints: UInt32) -> Amount {
        let product = microUnits.multipliedFullWidth(by: UInt64(basisPoints))
        let (quotient, _) = UInt64(10_000).dividingFullWidth(product)
        return Amount(microUnits: quotient)
    }

    /// Splits into `parts` equal floor shares; returns the share and the remainder.
    public func split(into parts: Int) -> (share: Amount, remainder: Amount) {
        precondition(parts > 0, "split into zero parts")
        let share = microUnits / UInt64(parts)
        return (Amount(microUnits: share), Amount(microUnits: microUnits - share * UInt64(parts)))
    }

    public static func < (lhs: Amount, rhs: Amount) -> Bool { lhs.microUnits < rhs.microUnits }

    /// Decimal token notation with six fractional digits, e.g. `12.500000`.
    public var description: String {
        let whole = microUnits / Amount.microUnitsPerToken
        let fraction = microUnits % Amount.microUnitsPerToken
        let digits = String(fraction)
        return "\(whole).\(String(repeating: "0", count: 6 - digits.count))\(digits)"
    }

    /// Parses decimal token notation ("12", "12.5", "0.000001"); at most six fractional digits.
    public init?(tokens text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2, let wholeText = parts.first, !wholeText.isEmpty,
              wholeText.allSatisfy({ $0.isASCII && $0.isNumber }), let whole = UInt64(wholeText) else { return nil }
        var fraction: UInt64 = 0
        if parts.count == 2 {
            let fractionText = parts[1]
            guard !fractionText.isEmpty, fractionText.count <= 6,
                  fractionText.allSatisfy({ $0.isASCII && $0.isNumber }),
                  let value = UInt64(fractionText + String(repeating: "0", count: 6 - fractionText.count)) else { return nil }
            fraction = value
        }
        let (scaled, overflow) = whole.multipliedReportingOverflow(by: Amount.microUnitsPerToken)
        guard !overflow else { return nil }
        let (total, overflow2) = scaled.addingReportingOverflow(fraction)
        guard !overflow2 else { return nil }
        self.microUnits = total
    }
}
