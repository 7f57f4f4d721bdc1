/// A provider's place in one order of a search bucket: the order's key, then registration order.
/// The rate rides along so a rate filter needs no record lookup in orders not keyed by rate.
struct ProviderSearchEntry: Comparable, Sendable {
    var key: UInt64
    var sequence: UInt64
    var rate: UInt64

    init(key: UInt64, sequence: UInt64, rate: UInt64 = 0) {
        self.key = key
        self.sequence = sequence
        self.rate = rate
    }

    static func < (lhs: ProviderSearchEntry, rhs: ProviderSearchEntry) -> Bool {
        (lhs.key, lhs.sequence) < (rhs.key, rhs.sequence)
    }

    static func == (lhs: ProviderSearchEntry, rhs: ProviderSearchEntry) -> Bool {
        lhs.key == rhs.key && lhs.sequence == rhs.sequence
    }
}
