import Hummingbird
import MarketAPI
import MarketCore
import MarketLedger

/// Read-only views of the market state: accounts, providers, validators and jobs.
struct MarketQueryController {
    let node: Node

    func addRoutes(to group: RouterGroup<NodeRequestContext>) {
        group.get("accounts/{address}", use: account)
        group.get("providers", use: providers)
        group.get("providers/{address}", use: provider)
        group.get("validators", use: validators)
        group.get("jobs", use: jobs)
        group.get("jobs/{id}", use: job)
    }

    /// A never-seen valid address is an empty account, not an error.
    @Sendable func account(_ request: Request, context: NodeRequestContext) async throws -> Response {
        let address = try context.pathAddress()
        try QueryParameters(request).finish()
        let account = await node.ledger.state.accounts[address] ?? Account()
        return try JSONResponse.make(AccountView(address: address, account: account))
    }

    @Sendable func providers(_ request: Request, context: NodeRequestContext) async throws -> Response {
        var query = try QueryParameters(request)
        let listing = try ProviderListing(query: &query)
        try query.finish()
        let state = await node.ledger.state
        return try JSONResponse.make(listing.page(in: state))
    }

    /// `get-provider-info`.
    @Sendable func provider(_ request: Request, context: NodeRequestContext) async throws -> Response {
        let address = try context.pathAddress()
        try QueryParameters(request).finish()
        guard let info = await node.ledger.state.providerInfo(address) else {
            throw APIFailure.notFound("\(address) is not a registered provider")
        }
        return try JSONResponse.make(ProviderView(info))
    }

    /// Validators in address order; `eligible` means it can be drawn for committees now.
    @Sendable func validators(_ request: Request, context: NodeRequestContext) async throws -> Response {
        var query = try QueryParameters(request)
        let (offset, limit) = try query.page()
        try query.finish()
        let state = await node.ledger.state
        let eligible = Set(state.activeValidatorAddresses)
        let sorted = state.validators.values.sorted { $0.address < $1.address }
        return try JSONResponse.make(Page.slice(sorted, offset: offset, limit: limit) { validator in
            ValidatorView(validator, eligible: eligible.contains(validator.address))
        })
    }

    @Sendable func jobs(_ request: Request, context: NodeRequestContext) async throws -> Response {
        var query = try QueryParameters(request)
        let listing = try JobListing(query: &query)
        try query.finish()
        let state = await node.ledger.state
        return try JSONResponse.make(listing.page(in: state))
    }

    /// `get-job-details`: the job with its assignments, proofs, committees, votes and deadlines.
    @Sendable func job(_ request: Request, context: NodeRequestContext) async throws -> Response {
        let id = JobID(try context.pathInteger("id"))
        try QueryParameters(request).finish()
        guard let job = await node.ledger.state.jobDetails(id) else {
            throw APIFailure(status: .notFound, body: APIErrorBody(
                code: Int(MarketError.jobNotFound.code), name: MarketError.jobNotFound.name, message: "job \(id) does not exist"))
        }
        return try JSONResponse.make(JobView(job))
    }
}
