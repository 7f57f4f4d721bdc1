extension SortedSet {
    /// A position in the set: a chunk and an offset in it. Valid until the set is mutated.
    public struct Cursor: Sendable {
        @usableFromInline internal var chunk: Int
        @usableFromInline internal var offset: Int

        @inlinable
        internal init(chunk: Int, offset: Int) {
            self.chunk = chunk
            self.offset = offset
        }
    }

    /// The position of the first element `>= lowerBound` (the first element when `nil`).
    @inlinable
    public func cursor(from lowerBound: Element?) -> Cursor {
        guard let lowerBound else { return Cursor(chunk: 0, offset: 0) }
        let i = chunkIndex(for: lowerBound)
        guard i < chunks.count else { return Cursor(chunk: chunks.count, offset: 0) }
        return Cursor(chunk: i, offset: Self.lowerBound(of: lowerBound, in: chunks[i]))
    }

    /// The position of the element with `rank` elements before it; costs O(number of chunks).
    @inlinable
    public func cursor(atRank rank: Int) -> Cursor {
        var remaining = Swift.max(0, rank)
        for (i, chunk) in chunks.enumerated() {
            if remaining < chunk.count { return Cursor(chunk: i, offset: remaining) }
            remaining -= chunk.count
        }
        return Cursor(chunk: chunks.count, offset: 0)
    }

    /// The element at `cursor`, or nil past the end.
    @inlinable
    public func element(at cursor: Cursor) -> Element? {
        guard cursor.chunk < chunks.count else { return nil }
        return chunks[cursor.chunk][cursor.offset]
    }

    /// Moves `cursor` to the next element (or past the end).
    @inlinable
    public func advance(_ cursor: inout Cursor) {
        guard cursor.chunk < chunks.count else { return }
        cursor.offset += 1
        if cursor.offset == chunks[cursor.chunk].count {
            cursor.chunk += 1
            cursor.offset = 0
        }
    }

    /// The number of elements `< element`: O(log n + number of chunks).
    @inlinable
    public func countLess(than element: Element) -> Int {
        let i = chunkIndex(for: element)
        var count = 0
        for chunk in chunks[0..<i] { count += chunk.count }
        if i < chunks.count { count += Self.lowerBound(of: element, in: chunks[i]) }
        return count
    }
}
