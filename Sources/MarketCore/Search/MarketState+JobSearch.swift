extension MarketState {
    /// A page of jobs passing `search`'s filters, newest first, from the job index. One filter (or
    /// none) costs O(log n + number of chunks + limit); several walk the smallest filter's jobs.
    public func searchJobs(_ search: JobSearch) -> JobSearchResult {
        let sets = jobIndex.sets(for: search)
        let offset = max(0, search.offset)
        let limit = max(0, search.limit)
        guard let smallest = sets.min(by: { $0.count < $1.count }) else { return JobSearchResult(total: 0, ids: []) }
        if sets.count == 1 {
            var ids: [JobID] = []
            var cursor = smallest.cursor(atRank: offset)
            while ids.count < limit, let next = smallest.element(at: cursor) {
                ids.append(next.id)
                smallest.advance(&cursor)
            }
            return JobSearchResult(total: smallest.count, ids: ids)
        }
        var total = 0
        var ids: [JobID] = []
        for entry in smallest {
            guard let job = jobs[entry.id], search.admits(job) else { continue }
            if total >= offset, ids.count < limit { ids.append(entry.id) }
            total += 1
        }
        return JobSearchResult(total: total, ids: ids)
    }

    /// The same page by a pass over every job and a sort: the tests' oracle for the index.
    public func searchJobsByScan(_ search: JobSearch) -> JobSearchResult {
        let matches = jobs.values.filter(search.admits).map(\.id).sorted(by: >)
        let start = min(max(0, search.offset), matches.count)
        let end = start + min(max(0, search.limit), matches.count - start)
        return JobSearchResult(total: matches.count, ids: Array(matches[start..<end]))
    }
}
