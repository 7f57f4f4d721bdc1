import MarketAPI
import MarketCore

/// Filters and page of `GET /v1/jobs`, newest (highest id) first.
struct JobListing: Sendable {
    var status: JobStatus?
    var client: Address?
    var provider: Address?
    var offset = 0
    var limit = 50

    init() {}

    init(query: inout QueryParameters) throws(APIFailure) {
        status = try query.choice("status", APIJobStatus.self).flatMap { JobStatus($0) }
        client = try query.address("client")
        provider = try query.address("provider")
        (offset, limit) = try query.page()
    }

    var search: JobSearch {
        var search = JobSearch()
        search.status = status
        search.client = client
        search.provider = provider
        search.offset = offset
        search.limit = limit
        return search
    }

    /// Served by the core's job index (`MarketState.searchJobs`).
    func page(in state: MarketState) -> Page<JobView> {
        page(state.searchJobs(search), in: state)
    }

    /// The same page by a scan over every job: the oracle for the index.
    func pageByScan(in state: MarketState) -> Page<JobView> {
        page(state.searchJobsByScan(search), in: state)
    }

    private func page(_ result: JobSearchResult, in state: MarketState) -> Page<JobView> {
        let items = result.ids.map { id in
            guard let job = state.jobs[id] else { preconditionFailure("listed job \(id) vanished from the same state") }
            return JobView(job)
        }
        return Page(items: items, total: result.total, offset: offset, limit: limit)
    }
}
