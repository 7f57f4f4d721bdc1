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

    func page(in state: MarketState) -> Page<JobView> {
        var matches: [Job] = []
        for job in state.jobs.values {
            if let status, job.status != status { continue }
            if let client, job.client != client { continue }
            if let provider, !job.assignments.contains(where: { $0.provider == provider }) { continue }
            matches.append(job)
        }
        matches.sort { $0.id > $1.id }
        return Page.slice(matches, offset: offset, limit: limit, JobView.init)
    }
}
