/// SplitMix64 (Steele, Lea, Flood 2014): a seeded generator with a 64-bit state, integer-only, so
/// the same seed gives the same sequence on every machine. It is not a source of randomness: every
/// value follows from the seed. The one implementation behind the workloads, the simulator and the
/// tests; draws whose output is pinned by golden hashes live next to their users as extensions.
public struct SplitMix64: RandomNumberGenerator, Sendable, Hashable {
    /// The whole state, so a checkpoint can carry it.
    public var state: UInt64

    public init(state: UInt64) {
        self.state = state
    }

    /// The seed is the initial state.
    public init(seed: UInt64) {
        state = seed
    }

    /// A well-mixed seed for an independent stream of `seed`, so separate uses of one seed never
    /// share random numbers.
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

    /// Uniform in `0..<bound`, without modulo bias: outputs below `2^64 mod bound` are rejected and
    /// drawn again, the rest are reduced modulo `bound` (the method of OpenBSD's arc4random_uniform).
    public mutating func next(below bound: UInt64) -> UInt64 {
        precondition(bound > 0, "bound must be positive")
        let threshold = (0 &- bound) % bound
        while true {
            let value = next()
            if value >= threshold { return value % bound }
        }
    }
}
