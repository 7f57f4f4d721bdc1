import MarketCore

/// The bounded draws the seeded simulator and the benchmarks have always made: `next() % width`,
/// which is biased by up to width / 2^64. They stay as they are because pinned simulator results
/// (and the benchmarks' data) depend on every output; new code uses `next(below:)`.
extension SplitMix64 {
    /// True with probability about `percent` / 100 (modulo reduction).
    public mutating func moduloChance(_ percent: UInt64) -> Bool {
        next() % 100 < percent
    }

    /// A value in `range` by modulo reduction (deterministic, unlike `Int.random(in:using:)`, whose
    /// algorithm may change).
    public mutating func moduloInt(in range: ClosedRange<Int>) -> Int {
        let width = UInt64(range.upperBound - range.lowerBound) + 1
        return range.lowerBound + Int(next() % width)
    }

    /// An element of `values` chosen by `moduloInt(in:)`; nil when `values` is empty.
    public mutating func moduloPick<T>(_ values: [T]) -> T? {
        values.isEmpty ? nil : values[moduloInt(in: 0...(values.count - 1))]
    }
}
