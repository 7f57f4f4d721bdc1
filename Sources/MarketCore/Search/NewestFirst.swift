/// A job id ordered newest (highest) first, so ascending iteration lists the newest job first.
struct NewestFirst: Comparable, Hashable, Sendable {
    var id: JobID

    init(_ id: JobID) {
        self.id = id
    }

    static func < (lhs: NewestFirst, rhs: NewestFirst) -> Bool { lhs.id > rhs.id }
}
