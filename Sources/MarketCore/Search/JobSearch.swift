/// The filters and page of a job listing (`GET /v1/jobs`), newest first.
public struct JobSearch: Hashable, Sendable {
    public var status: JobStatus?
    public var client: Address?
    /// A provider holding an assignment of the job.
    public var provider: Address?
    public var offset = 0
    public var limit = 50

    public init() {}

    func admits(_ job: Job) -> Bool {
        if let status, job.status != status { return false }
        if let client, job.client != client { return false }
        if let provider, !job.assignments.contains(where: { $0.provider == provider }) { return false }
        return true
    }
}
