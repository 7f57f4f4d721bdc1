import DepinTestSupport
import Testing
@testable import MarketCore

/// A sorted array of unique values used as the reference model.
private struct SortedReference {
    private(set) var values: [Int] = []

    private func lowerBound(_ value: Int) -> Int {
        var low = 0
        var high = values.count
        while low < high {
            let mid = (low + high) / 2
            if values[mid] < value { low = mid + 1 } else { high = mid }
        }
        return low
    }

    mutating func insert(_ value: Int) -> Bool {
        let index = lowerBound(value)
        if index < values.count && values[index] == value { return false }
        values.insert(value, at: index)
        return true
    }

    mutating func remove(_ value: Int) -> Bool {
        let index = lowerBound(value)
        guard index < values.count && values[index] == value else { return false }
        values.remove(at: index)
        return true
    }
}

/// A key shaped like the matching index's (rate, reputation, sequence) keys.
private struct OfferKey: Comparable, Sendable {
    var rate: Int
    var reputation: Int
    var sequence: Int

    static func < (lhs: OfferKey, rhs: OfferKey) -> Bool {
        (lhs.rate, lhs.reputation, lhs.sequence) < (rhs.rate, rhs.reputation, rhs.sequence)
    }
}

private func expectMatches(
    _ set: SortedSet<Int>, _ reference: SortedReference, sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(set.count == reference.values.count, sourceLocation: sourceLocation)
    #expect(set.isEmpty == reference.values.isEmpty, sourceLocation: sourceLocation)
    #expect(set.first == reference.values.first, sourceLocation: sourceLocation)
    #expect(Array(set) == reference.values, sourceLocation: sourceLocation)
    #expect(set.checkInvariants(), sourceLocation: sourceLocation)
}

private func collect(_ set: SortedSet<Int>, from lowerBound: Int?, limit: Int = .max) -> [Int] {
    var result: [Int] = []
    set.forEach(from: lowerBound) { element in
        result.append(element)
        return result.count < limit
    }
    return result
}

@Suite("SortedSet")
struct SortedSetTests {
    @Test("Empty set has no elements", arguments: [Int?.none, -1, 0, 1])
    func emptySet(lowerBound: Int?) {
        var set = SortedSet<Int>()
        #expect(set.isEmpty)
        #expect(set.count == 0)
        #expect(set.first == nil)
        #expect(!set.contains(0))
        #expect(Array(set).isEmpty)
        #expect(collect(set, from: lowerBound).isEmpty)
        let removedFromEmpty = set.remove(0)
        #expect(!removedFromEmpty)
        #expect(set.isEmpty)
        #expect(set.checkInvariants())
    }

    @Test(
        "Random inserts and removes match a sorted reference",
        arguments: [0, 1, 511, 512, 513, 5000, 20000]
    )
    func randomInsertsAndRemoves(size: Int) {
        var rng = SplitMix64(seed: 0xC0FFEE &+ UInt64(size))
        var set = SortedSet<Int>()
        var reference = SortedReference()
        let range = max(1, size * 2)
        let checkpoint = max(1, size / 8)

        // Insert until `size` distinct values are present; collisions exercise duplicate rejection.
        var operations = 0
        while reference.values.count < size {
            let value = rng.int(below: range)
            let inserted = set.insert(value)
            let expected = reference.insert(value)
            #expect(inserted == expected)
            #expect(set.count == reference.values.count)
            #expect(set.first == reference.values.first)
            operations += 1
            if operations % checkpoint == 0 { expectMatches(set, reference) }
        }
        expectMatches(set, reference)
        if size > 512 {
            #expect(set.chunkCount > 1)
        }
        for value in reference.values {
            #expect(set.contains(value))
        }

        // Interleaved inserts and removes, including absent values and values outside the range.
        for step in 0..<(size * 2) {
            let value = rng.int(below: range + 20) - 10
            if rng.next() % 2 == 0 {
                let actual = set.remove(value)
                let expected = reference.remove(value)
                #expect(actual == expected)
            } else {
                let actual = set.insert(value)
                let expected = reference.insert(value)
                #expect(actual == expected)
            }
            #expect(set.count == reference.values.count)
            #expect(set.isEmpty == reference.values.isEmpty)
            #expect(set.first == reference.values.first)
            if step % checkpoint == 0 { expectMatches(set, reference) }
        }
        expectMatches(set, reference)

        // Drain in random order; chunks shrink, merge and disappear.
        var remaining = reference.values
        let chunksBeforeDrain = set.chunkCount
        var sawFewerChunks = false
        while !remaining.isEmpty {
            let value = remaining.remove(at: rng.int(below: remaining.count))
            let removed = set.remove(value)
            #expect(removed)
            let removedFromReference = reference.remove(value)
            #expect(removedFromReference)
            let removedAgain = set.remove(value)
            #expect(!removedAgain)
            #expect(!set.contains(value))
            #expect(set.count == reference.values.count)
            #expect(set.isEmpty == reference.values.isEmpty)
            #expect(set.first == reference.values.first)
            if set.chunkCount < chunksBeforeDrain { sawFewerChunks = true }
            if remaining.count % checkpoint == 0 { expectMatches(set, reference) }
        }
        if chunksBeforeDrain > 1 {
            #expect(sawFewerChunks)
        }
        expectMatches(set, reference)
        #expect(set.chunkCount == 0)
    }

    @Test("Monotonic insertion orders split chunks correctly", arguments: ["ascending", "descending", "alternating"])
    func monotonicInsertions(order: String) {
        let size = 3000
        let values: [Int]
        switch order {
        case "ascending": values = Array(0..<size)
        case "descending": values = Array((0..<size).reversed())
        default: values = (0..<size).map { $0 % 2 == 0 ? $0 / 2 : size - 1 - $0 / 2 }
        }
        var set = SortedSet<Int>()
        for (index, value) in values.enumerated() {
            let inserted = set.insert(value)
            #expect(inserted)
            #expect(set.count == index + 1)
        }
        #expect(Array(set) == Array(0..<size))
        #expect(set.first == 0)
        #expect(set.chunkCount > 1)
        #expect(set.checkInvariants())
        for value in values {
            let removed = set.remove(value)
            #expect(removed)
        }
        #expect(set.isEmpty)
        #expect(set.checkInvariants())
    }

    @Test("Duplicates are rejected without changing the set")
    func duplicatesRejected() {
        var set = SortedSet<Int>()
        let firstInsert = set.insert(7)
        #expect(firstInsert)
        let secondInsert = set.insert(7)
        #expect(!secondInsert)
        let thirdInsert = set.insert(7)
        #expect(!thirdInsert)
        #expect(set.count == 1)
        #expect(Array(set) == [7])

        for value in 0..<2000 { set.insert(value) }
        #expect(set.count == 2000)
        for value in 0..<2000 {
            let reinserted = set.insert(value)
            #expect(!reinserted)
        }
        #expect(set.count == 2000)
        #expect(Array(set) == Array(0..<2000))
        #expect(set.checkInvariants())
    }

    @Test("Removing an absent element returns false", arguments: [-100, 1, 999, 1001, 5000])
    func removeAbsent(value: Int) {
        var set = SortedSet<Int>()
        for even in stride(from: 0, to: 2000, by: 2) { set.insert(even) }
        let before = Array(set)
        let removedAbsent = set.remove(value)
        #expect(!removedAbsent)
        #expect(set.count == 1000)
        #expect(Array(set) == before)
        // Removing twice: the second call reports absence.
        let removedOnce = set.remove(998)
        #expect(removedOnce)
        let removedTwice = set.remove(998)
        #expect(!removedTwice)
        #expect(set.count == 999)
    }

    /// Even numbers 0, 2, ..., 3998: 2000 elements spread over several chunks.
    private static func evens() -> SortedSet<Int> {
        var set = SortedSet<Int>()
        for value in stride(from: 0, to: 4000, by: 2) { set.insert(value) }
        return set
    }

    @Test(
        "forEach(from:) starts at the first element not below the bound",
        arguments: [
            (Int?.none, Int?.some(0)),  // no bound: everything
            (-50, 0),  // below all
            (0, 0),  // exact match, first element
            (100, 100),  // exact match
            (101, 102),  // between elements
            (3998, 3998),  // exact match, last element
            (3997, 3998),  // just below the last element
            (3999, nil),  // above all
            (1_000_000, nil),  // far above all
        ] as [(Int?, Int?)]
    )
    func forEachStart(lowerBound: Int?, expectedFirst: Int?) {
        let set = Self.evens()
        let visited = collect(set, from: lowerBound)
        #expect(visited.first == expectedFirst)
        let expected = Array(set).filter { value in lowerBound.map { value >= $0 } ?? true }
        #expect(visited == expected)
    }

    @Test("forEach(from:) agrees with the reference at every bound, including chunk boundaries")
    func forEachEveryBound() {
        let set = Self.evens()
        let all = Array(set)
        #expect(set.chunkCount > 2)
        for bound in -1...4000 {
            let expected = Array(all.filter { $0 >= bound }.prefix(3))
            #expect(collect(set, from: bound, limit: 3) == expected)
        }
    }

    @Test("forEach(from:) stops when the body returns false", arguments: [1, 2, 5, 600, 1995, 3000])
    func forEachStops(limit: Int) {
        let set = Self.evens()
        var calls = 0
        var visited: [Int] = []
        set.forEach(from: 10) { element in
            calls += 1
            visited.append(element)
            return calls < limit
        }
        // 1995 elements are >= 10; a limit beyond that visits them all and ends naturally.
        #expect(calls == min(limit, 1995))
        #expect(visited == Array(stride(from: 10, to: 4000, by: 2).prefix(limit)))
    }

    @Test("forEach(from:) rethrows the body's error and stops")
    func forEachRethrows() {
        struct Stop: Error {}
        let set = Self.evens()
        var calls = 0
        #expect(throws: Stop.self) {
            try set.forEach(from: nil) { element in
                calls += 1
                if element == 20 { throw Stop() }
                return true
            }
        }
        #expect(calls == 11)
    }

    @Test("Iterator visits ascending elements and then keeps returning nil")
    func iterator() {
        var rng = SplitMix64(seed: 42)
        var set = SortedSet<Int>()
        var reference = SortedReference()
        for _ in 0..<3000 {
            let value = rng.int(below: 1_000_000)
            let actual = set.insert(value)
            let expected = reference.insert(value)
            #expect(actual == expected)
        }
        #expect(set.underestimatedCount == set.count)
        var iterator = set.makeIterator()
        var visited: [Int] = []
        while let value = iterator.next() { visited.append(value) }
        #expect(visited == reference.values)
        #expect(iterator.next() == nil)
        #expect(iterator.next() == nil)
    }

    @Test("Copies are independent (copy-on-write)")
    func valueSemantics() {
        var original = Self.evens()
        let copy = original
        let removedZero = original.remove(0)
        #expect(removedZero)
        let insertedOne = original.insert(1)
        #expect(insertedOne)
        for value in stride(from: 2, to: 2000, by: 2) { original.remove(value) }
        #expect(copy.count == 2000)
        #expect(copy.first == 0)
        #expect(Array(copy) == Array(stride(from: 0, to: 4000, by: 2)))
        #expect(original.first == 1)
        #expect(original.count == 1001)
        #expect(original.checkInvariants())
        #expect(copy.checkInvariants())

        // An iterator keeps its snapshot when the set changes underneath it.
        var iterator = original.makeIterator()
        original.insert(-1)
        #expect(iterator.next() == 1)
    }

    @Test("Tuple-like keys order by rate, then reputation, then sequence")
    func offerKeys() {
        var rng = SplitMix64(seed: 7)
        var set = SortedSet<OfferKey>()
        var keys: [OfferKey] = []
        for sequence in 0..<2000 {
            let key = OfferKey(rate: rng.int(below: 20), reputation: rng.int(below: 5), sequence: sequence)
            keys.append(key)
            let inserted = set.insert(key)
            #expect(inserted)
        }
        let duplicateInserted = set.insert(keys[123])
        #expect(!duplicateInserted)
        let sorted = keys.sorted()
        #expect(Array(set) == sorted)
        #expect(set.first == sorted.first)

        let bound = OfferKey(rate: 10, reputation: 0, sequence: 0)
        var firstFound: OfferKey?
        set.forEach(from: bound) { key in
            firstFound = key
            return false
        }
        #expect(firstFound == sorted.first { $0 >= bound })
        #expect(set.checkInvariants())
    }
}
