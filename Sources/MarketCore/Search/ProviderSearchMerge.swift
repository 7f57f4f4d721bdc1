/// The entries of one order across several search buckets as one ascending stream (a k-way merge
/// over a binary heap), leaving out entries above a rate bound. In the rate orders the bound is a
/// range, so nothing above it is visited; in the others such entries are stepped over.
struct ProviderSearchMerge {
    private typealias Entries = SortedSet<ProviderSearchEntry>

    private struct Head {
        var entry: ProviderSearchEntry
        var source: Int
    }

    private let sources: [Entries]
    private var cursors: [Entries.Cursor]
    private var heap: [Head] = []
    private let rateBound: UInt64?
    private let endsAtBound: Bool

    init(buckets: [ProviderSearchIndex.Bucket], slot: ProviderSearchIndex.Slot, rateBound: UInt64?) {
        sources = buckets.map { $0.orders[slot.rawValue] }
        self.rateBound = rateBound
        endsAtBound = slot == .rateAscending
        var start: ProviderSearchEntry?
        if slot == .rateDescending, let rateBound { start = ProviderSearchEntry(key: UInt64.max - rateBound, sequence: 0) }
        cursors = sources.map { $0.cursor(from: start) }
        heap.reserveCapacity(sources.count)
        for source in sources.indices { pushNext(from: source) }
    }

    /// The next entry in ascending order, or nil when every bucket is exhausted.
    mutating func next() -> ProviderSearchEntry? {
        guard let top = heap.first else { return nil }
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            siftDown(from: 0)
        }
        pushNext(from: top.source)
        return top.entry
    }

    private mutating func pushNext(from source: Int) {
        var cursor = cursors[source]
        defer { cursors[source] = cursor }
        while let entry = sources[source].element(at: cursor) {
            sources[source].advance(&cursor)
            if let rateBound, entry.rate > rateBound {
                if endsAtBound { return }
                continue
            }
            heap.append(Head(entry: entry, source: source))
            siftUp(from: heap.count - 1)
            return
        }
    }

    private mutating func siftUp(from index: Int) {
        var child = index
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].entry < heap[parent].entry else { return }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(from index: Int) {
        var parent = index
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < heap.count, heap[left].entry < heap[smallest].entry { smallest = left }
            if right < heap.count, heap[right].entry < heap[smallest].entry { smallest = right }
            if smallest == parent { return }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
