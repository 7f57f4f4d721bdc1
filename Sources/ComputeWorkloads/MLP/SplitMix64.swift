/// SplitMix64 (Steele, Lea, Flood 2014): a 64-bit state, integer-only, identical on every machine.
/// Its whole state is one `UInt64`, so a checkpoint can carry it.
public struct SplitMix64: Sendable, Hashable {
    public var state: UInt64

    public init(state: UInt64) {
        self.state = state
    }

    /// A well-mixed seed for an independent stream of `seed`, so data, weights and batch order
    /// never share random numbers.
    public static func derive(seed: UInt64, stream: UInt64) -> UInt64 {
        var generator = SplitMix64(state: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
        return generator.next()
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1): the top 53 bits scaled by 2^-53 (exact).
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// An index in 0..<bound: the high word of `next() * bound` (Lemire; bias below bound / 2^64).
    public mutating func nextIndex(below bound: Int) -> Int {
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
