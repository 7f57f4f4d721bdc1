import MarketCore

/// The seeded test generator: `SplitMix64` from the core with the draws tests need, all unbiased
/// (through `next(below:)`), so every run exercises the same data on every machine.
extension SplitMix64 {
    /// Uniform in `0..<bound`.
    public mutating func int(below bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        return Int(next(below: UInt64(bound)))
    }

    /// Uniform in `range`.
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        let width = UInt64(range.upperBound - range.lowerBound) + 1
        return range.lowerBound + Int(next(below: width))
    }

    /// True with probability `percent` / 100.
    public mutating func chance(_ percent: UInt64) -> Bool {
        next(below: 100) < percent
    }

    /// A uniformly chosen element; nil when `values` is empty.
    public mutating func pick<T>(_ values: [T]) -> T? {
        values.isEmpty ? nil : values[int(below: values.count)]
    }

    /// A hash made of four draws, for keys and values of test data.
    public mutating func hash() -> Hash256 {
        Hash256(w0: next(), w1: next(), w2: next(), w3: next())
    }
}
