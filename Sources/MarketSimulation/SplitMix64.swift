/// A tiny deterministic random generator (SplitMix64): the same seed gives the same sequence on
/// every machine, unlike the system generator.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// True with probability `percent` / 100.
    public mutating func chance(_ percent: UInt64) -> Bool {
        next() % 100 < percent
    }

    /// Uniform in `range` (deterministic, unlike `Int.random(in:using:)` whose algorithm may change).
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        let width = UInt64(range.upperBound - range.lowerBound) + 1
        return range.lowerBound + Int(next() % width)
    }

    public mutating func pick<T>(_ values: [T]) -> T? {
        values.isEmpty ? nil : values[int(in: 0...(values.count - 1))]
    }
}
