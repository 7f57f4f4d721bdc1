/// A non-negative decimal with at most nine fractional digits, held exactly as billionths.
///
/// Hyperparameters such as the learning rate travel as decimal strings (`"0.05"`), never as JSON
/// floats, so every reader agrees on the value and the description hashes the same everywhere.
/// The canonical text drops trailing fractional zeros: `"0.50"` reads as `"0.5"`.
public struct FixedDecimal: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Billionths: `1.5` is `1_500_000_000`.
    public let billionths: Int64

    public static let zero = FixedDecimal(billionths: 0)
    static let scale: Int64 = 1_000_000_000
    static let maxIntegerDigits = 9

    public init(billionths: Int64) {
        precondition(billionths >= 0, "FixedDecimal is non-negative")
        self.billionths = billionths
    }

    public init(integer: Int64) {
        precondition(integer >= 0 && integer < FixedDecimal.scale, "FixedDecimal integer part out of range")
        self.init(billionths: integer * FixedDecimal.scale)
    }

    /// Parses `DIGITS[.DIGITS]`: no sign, no exponent, at most 9 integer and 9 fractional digits.
    public init?(_ text: String) {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let integerPart = parts.first, !integerPart.isEmpty,
              integerPart.count <= FixedDecimal.maxIntegerDigits,
              integerPart.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
        else { return nil }
        var value: Int64 = 0
        for digit in integerPart.utf8 { value = value * 10 + Int64(digit - UInt8(ascii: "0")) }
        var fraction: Int64 = 0
        var fractionDigits = 0
        if parts.count == 2 {
            let fractionPart = parts[1]
            guard !fractionPart.isEmpty, fractionPart.count <= 9,
                  fractionPart.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
            else { return nil }
            for digit in fractionPart.utf8 {
                fraction = fraction * 10 + Int64(digit - UInt8(ascii: "0"))
                fractionDigits += 1
            }
        }
        while fractionDigits < 9 {
            fraction *= 10
            fractionDigits += 1
        }
        self.init(billionths: value * FixedDecimal.scale + fraction)
    }

    /// The nearest Double: one correctly rounded IEEE division, so identical on every machine.
    public var doubleValue: Double { Double(billionths) / 1_000_000_000.0 }

    public var description: String {
        let integer = billionths / FixedDecimal.scale
        var fraction = billionths % FixedDecimal.scale
        guard fraction != 0 else { return String(integer) }
        var digits = 9
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        let text = String(fraction)
        return "\(integer)." + String(repeating: "0", count: digits - text.count) + text
    }

    public static func < (lhs: FixedDecimal, rhs: FixedDecimal) -> Bool { lhs.billionths < rhs.billionths }
}

extension FixedDecimal: Codable {
    /// Accepts a decimal string (`"0.05"`) or a non-negative JSON integer (`2`); JSON floats are
    /// refused because their text is not a stable value.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let integer = try? container.decode(UInt32.self), Int64(integer) < FixedDecimal.scale {
            self.init(integer: Int64(integer))
            return
        }
        guard let text = try? container.decode(String.self), let value = FixedDecimal(text) else {
            throw Swift.DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath,
                debugDescription: "expected a decimal string such as \"0.05\" (at most 9 fractional digits) or an integer"))
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
