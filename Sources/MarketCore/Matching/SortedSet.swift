/// An ordered set of unique elements, stored as a list of sorted chunks.
///
/// Modelled on Python's `sortedcontainers.SortedList`: elements live in an array of
/// sorted chunks of at most `maxChunkSize` elements each, alongside an array holding
/// each chunk's maximum so the right chunk is found by binary search.
/// `insert`, `remove` and `contains` cost O(log n + chunk size); visiting the first
/// k elements costs O(log n + k). It is a value type: copies share storage until
/// one of them is mutated (copy-on-write through its arrays).
public struct SortedSet<Element: Comparable & Sendable>: Sendable {
    /// Sorted, non-empty chunks; every element of `chunks[i]` is below every element of `chunks[i + 1]`.
    @usableFromInline internal var chunks: [[Element]]
    /// `maxes[i]` is the last (largest) element of `chunks[i]`.
    @usableFromInline internal var maxes: [Element]
    @usableFromInline internal var storedCount: Int

    /// A chunk that grows beyond this size is split in two halves.
    @usableFromInline internal static var maxChunkSize: Int { 512 }
    /// A chunk that shrinks below this size is merged with a neighbour (and re-split if too large).
    @usableFromInline internal static var minChunkSize: Int { 128 }

    /// Creates an empty set.
    @inlinable
    public init() {
        chunks = []
        maxes = []
        storedCount = 0
    }

    /// The number of elements in the set.
    @inlinable
    public var count: Int { storedCount }

    /// Whether the set has no elements.
    @inlinable
    public var isEmpty: Bool { storedCount == 0 }

    /// The smallest element, or `nil` when the set is empty.
    @inlinable
    public var first: Element? { chunks.first?.first }

    /// Whether `element` is in the set.
    @inlinable
    public func contains(_ element: Element) -> Bool {
        let i = chunkIndex(for: element)
        guard i < chunks.count else { return false }
        let j = Self.lowerBound(of: element, in: chunks[i])
        return chunks[i][j] == element
    }

    /// Inserts `element`; returns `false` (and changes nothing) if it was already present.
    @inlinable
    @discardableResult
    public mutating func insert(_ element: Element) -> Bool {
        if chunks.isEmpty {
            chunks = [[element]]
            maxes = [element]
            storedCount = 1
            return true
        }
        var i = chunkIndex(for: element)
        if i == chunks.count {
            // Greater than every element: append to the last chunk.
            i -= 1
            chunks[i].append(element)
            maxes[i] = element
        } else {
            // maxes[i] >= element, so the lower bound is a valid index of chunks[i].
            let j = Self.lowerBound(of: element, in: chunks[i])
            if chunks[i][j] == element { return false }
            chunks[i].insert(element, at: j)
        }
        storedCount += 1
        if chunks[i].count > Self.maxChunkSize {
            split(at: i)
        }
        return true
    }

    /// Removes `element`; returns `false` if it was not present.
    @inlinable
    @discardableResult
    public mutating func remove(_ element: Element) -> Bool {
        let i = chunkIndex(for: element)
        guard i < chunks.count else { return false }
        let j = Self.lowerBound(of: element, in: chunks[i])
        guard chunks[i][j] == element else { return false }
        chunks[i].remove(at: j)
        storedCount -= 1
        let remaining = chunks[i].count
        if remaining == 0 {
            chunks.remove(at: i)
            maxes.remove(at: i)
            return true
        }
        if j == remaining {
            maxes[i] = chunks[i][remaining - 1]
        }
        if remaining < Self.minChunkSize && chunks.count > 1 {
            mergeWithNeighbour(at: i)
        }
        return true
    }

    /// Calls `body` on each element `>= lowerBound` (every element when `nil`) in ascending
    /// order, stopping as soon as `body` returns `false`.
    @inlinable
    public func forEach(from lowerBound: Element?, _ body: (Element) throws -> Bool) rethrows {
        var i = 0
        var j = 0
        if let lowerBound {
            i = chunkIndex(for: lowerBound)
            guard i < chunks.count else { return }
            j = Self.lowerBound(of: lowerBound, in: chunks[i])
        }
        while i < chunks.count {
            let chunk = chunks[i]
            while j < chunk.count {
                if try !body(chunk[j]) { return }
                j += 1
            }
            i += 1
            j = 0
        }
    }

    // MARK: - Internals

    /// Index of the first chunk whose maximum is `>= element`, or `chunks.count` if none.
    @inlinable
    internal func chunkIndex(for element: Element) -> Int {
        var low = 0
        var high = maxes.count
        while low < high {
            let mid = (low &+ high) >> 1
            if maxes[mid] < element {
                low = mid &+ 1
            } else {
                high = mid
            }
        }
        return low
    }

    /// Index of the first element of `chunk` that is `>= element`, or `chunk.count` if none.
    @inlinable
    internal static func lowerBound(of element: Element, in chunk: [Element]) -> Int {
        var low = 0
        var high = chunk.count
        while low < high {
            let mid = (low &+ high) >> 1
            if chunk[mid] < element {
                low = mid &+ 1
            } else {
                high = mid
            }
        }
        return low
    }

    /// Splits `chunks[i]` into two halves.
    @inlinable
    internal mutating func split(at i: Int) {
        let half = chunks[i].count / 2
        let upper = Array(chunks[i][half...])
        chunks[i].removeSubrange(half...)
        chunks.insert(upper, at: i + 1)
        maxes.insert(maxes[i], at: i + 1)
        maxes[i] = chunks[i][half - 1]
    }

    /// Merges the undersized `chunks[i]` with a neighbour, re-splitting if the result is too large.
    @inlinable
    internal mutating func mergeWithNeighbour(at i: Int) {
        let left = i + 1 < chunks.count ? i : i - 1
        let right = left + 1
        let moved = chunks.remove(at: right)
        chunks[left].append(contentsOf: moved)
        maxes[left] = maxes[right]
        maxes.remove(at: right)
        if chunks[left].count > Self.maxChunkSize {
            split(at: left)
        }
    }

    /// Number of chunks (for tests).
    internal var chunkCount: Int { chunks.count }

    /// Whether the internal structure is consistent (for tests): non-empty chunks within
    /// size bounds, strictly ascending elements, correct maxima and count.
    internal func checkInvariants() -> Bool {
        guard chunks.count == maxes.count else { return false }
        var total = 0
        var previous: Element?
        for (index, chunk) in chunks.enumerated() {
            guard !chunk.isEmpty, chunk.count <= Self.maxChunkSize else { return false }
            guard chunk[chunk.count - 1] == maxes[index] else { return false }
            for element in chunk {
                if let previous, !(previous < element) { return false }
                previous = element
            }
            total += chunk.count
        }
        return total == storedCount
    }
}

extension SortedSet: Sequence {
    /// Iterates the set's elements in ascending order without copying them.
    public struct Iterator: IteratorProtocol, Sendable {
        @usableFromInline internal let chunks: [[Element]]
        @usableFromInline internal var chunkIndex: Int
        @usableFromInline internal var elementIndex: Int

        @inlinable
        internal init(chunks: [[Element]]) {
            self.chunks = chunks
            self.chunkIndex = 0
            self.elementIndex = 0
        }

        /// The next element in ascending order, or `nil` when done.
        @inlinable
        public mutating func next() -> Element? {
            guard chunkIndex < chunks.count else { return nil }
            let element = chunks[chunkIndex][elementIndex]
            elementIndex &+= 1
            if elementIndex == chunks[chunkIndex].count {
                chunkIndex &+= 1
                elementIndex = 0
            }
            return element
        }
    }

    /// An iterator over the elements in ascending order.
    @inlinable
    public func makeIterator() -> Iterator {
        Iterator(chunks: chunks)
    }

    /// The number of elements (exact).
    @inlinable
    public var underestimatedCount: Int { storedCount }
}
