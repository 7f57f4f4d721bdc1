import Hummingbird
import MarketAPI
import MarketCore
import MarketLedger

/// Read-only views of the market state: accounts, providers, validators and jobs.
struct MarketQueryController {
    let ledger: Ledger

    func addRoutes(to group: RouterGroup<NodeRequestContext>) {
        group.get("accounts/{address}", use: account)
        group.get("providers", use: providers)
        group.get("providers/{address}", use: provider)
        group.get("validators", use: validators)
        group.get("jobs", use: jobs)
        group.get("jobs/{id}", use: job)
        group.get("jobs/{id}/eligibility", use: eligibility)
    }

    /// A never-seen valid address is an empty account, not an error.
    @Sendable func account(_ request: Request, context: NodeRequestContext) async throws -> AccountView {
        let address = try context.pathAddress()
        try request.expectNoQuery()
        let account = await ledger.state.accounts[address] ?? Account()
        return AccountView(address: address, account: account)
    }

    @Sendable func providers(_ request: Request, context: NodeRequestContext) async throws -> Page<ProviderView> {
        let listing = try request.query { query throws(APIFailure) in try ProviderListing(query: &query) }
        return listing.page(in: await ledger.state)
    }

    /// `get-provider-info`.
    @Sendable func provider(_ request: Request, context: NodeRequestContext) async throws -> ProviderView {
        let address = try context.pathAddress()
        try request.expectNoQuery()
        guard let info = await ledger.state.providerInfo(address) else {
            throw APIFailure.notFound("\(address) is not a registered provider")
        }
        return ProviderView(info)
    }

    /// Validators in address order; `eligible` means it can be drawn for committees now.
    @Sendable func validators(_ request: Request, context: NodeRequestContext) async throws -> Page<ValidatorView> {
        let (offset, limit) = try request.query { query throws(APIFailure) in try query.page() }
        let state = await ledger.state
        let eligible = Set(state.activeValidatorAddresses)
        let sorted = state.validators.values.sorted { $0.address < $1.address }
        return Page.slice(sorted, offset: offset, limit: limit) { validator in
            ValidatorView(validator, eligible: eligible.contains(validator.address))
        }
    }

    @Sendable func jobs(_ request: Request, context: NodeRequestContext) async throws -> Page<JobView> {
        let listing = try request.query { query throws(APIFailure) in try JobListing(query: &query) }
        return listing.page(in: await ledger.state)
    }

    /// `get-job-details`: the job with its assignments, proofs, committees, votes and deadlines.
    @Sendable func job(_ request: Request, context: NodeRequestContext) async throws -> JobView {
        let id = JobID(try context.pathInteger("id"))
        try request.expectNoQuery()
        guard let job = await ledger.state.jobDetails(id) else {
            throw APIFailure(status: .notFound, body: APIErrorBody(
                code: MarketError.jobNotFound.code, name: MarketError.jobNotFound.name, message: "job \(id) does not exist"))
        }
        return JobView(job)
    }

    /// Why providers cannot take the job now, by the first eligibility check each one fails.
    @Sendable func eligibility(_ request: Request, context: NodeRequestContext) async throws -> EligibilityView {
        let id = JobID(try context.pathInteger("id"))
        try request.expectNoQuery()
        guard let report = await ledger.state.eligibilityReport(for: id) else {
            throw APIFailure(status: .notFound, body: APIErrorBody(
                code: MarketError.jobNotFound.code, name: MarketError.jobNotFound.name, message: "job \(id) does not exist"))
        }
        return EligibilityView(report)
    }
}
