import MarketCore

/// The draws that make data, weights and minibatches. Their outputs feed the golden checkpoint
/// hashes, so none of them may change.
extension SplitMix64 {
    /// Uniform in [0, 1): the top 53 bits scaled by 2^-53 (exact).
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// An index in 0..<bound: the high word of `next() * bound` (Lemire's multiply without the
    /// rejection step, so biased by less than bound / 2^64). Kept as is because it picks the
    /// minibatches; use `next(below:)` for an unbiased draw.
    public mutating func multiplyHighIndex(below bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// Approximately standard normal: the sum of twelve uniforms minus six (Irwin-Hall). Only
    /// additions, so no libm function can make two machines disagree.
    public mutating func nextGaussian() -> Double {
        var sum = 0.0
        for _ in 0..<12 { sum = sum + nextUnit() }
        return sum - 6.0
    }
}
