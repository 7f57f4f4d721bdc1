import DepinTestSupport
import MarketCore
import Testing

@Suite("SplitMix64")
struct SplitMix64Tests {
    @Test("The seed is the initial state; derived streams differ from the seed and from each other")
    func seedAndStreams() {
        var bySeed = SplitMix64(seed: 99)
        var byState = SplitMix64(state: 99)
        #expect(bySeed.next() == byState.next())
        let streams = (0..<8 as Range<UInt64>).map { SplitMix64.derive(seed: 7, stream: $0) }
        #expect(Set(streams).count == streams.count)
        #expect(!streams.contains(7))
    }

    @Test("next(below:) stays below its bound and is next() % bound whenever no draw is rejected",
          arguments: [1, 2, 3, 6, 100, 1_000_003] as [UInt64])
    func boundedDrawMatchesModuloOutsideRejection(bound: UInt64) {
        var generator = SplitMix64(seed: bound)
        var reference = generator
        for _ in 0..<2_000 {
            let value = generator.next(below: bound)
            #expect(value < bound)
            // 2^64 mod bound is tiny for these bounds, so a rejection is practically impossible.
            #expect(value == reference.next() % bound)
        }
        #expect(generator == reference)
    }

    @Test("Draws below 2^64 mod bound are rejected and drawn again, so no value is favoured")
    func rejectsTheBiasedRange() {
        // For bound 2^63 + 1, 2^64 mod bound = 2^63 - 1: nearly half of all outputs fall in the
        // biased range, which plain `% bound` would fold onto the low values.
        let bound = (UInt64(1) << 63) + 1
        let threshold = (0 &- bound) % bound
        #expect(threshold == (UInt64(1) << 63) - 1)
        var generator = SplitMix64(seed: 5)
        var reference = generator
        var rejections = 0
        for _ in 0..<500 {
            let value = generator.next(below: bound)
            var raw = reference.next()
            while raw < threshold {
                rejections += 1
                raw = reference.next()
            }
            #expect(value == raw % bound)
            #expect(value < bound)
        }
        #expect(generator == reference)
        #expect(rejections > 100)
    }

    @Test("Test draws are uniform: each of six faces within 5 % of its share over 60,000 rolls")
    func uniformFaces() {
        var generator = SplitMix64(seed: 2_024)
        var counts = [Int](repeating: 0, count: 6)
        for _ in 0..<60_000 { counts[generator.int(below: 6)] += 1 }
        #expect(counts.allSatisfy { abs($0 - 10_000) < 500 }, "\(counts)")
        #expect((0..<1_000).allSatisfy { _ in (3...9).contains(generator.int(in: 3...9)) })
    }
}
