/// One page of a job listing: how many jobs pass the filters, and the page's ids, newest first.
public struct JobSearchResult: Hashable, Sendable {
    public var total: Int
    public var ids: [JobID]

    public init(total: Int, ids: [JobID]) {
        self.total = total
        self.ids = ids
    }
}
