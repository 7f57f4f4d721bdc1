import Foundation
import MarketAPI
import MarketCore
import Testing

@Suite("Every view encodes and decodes to an equal value, with the node's field names and spellings")
struct ViewRoundTripTests {
    typealias S = ViewSamples

    /// Decodes `json`, checks that encoding gives the same JSON back and that the value survives
    /// another round trip.
    @discardableResult
    private static func checkSample<View: Codable & Equatable>(_ type: View.Type, _ json: String) throws -> View {
        let view = try WireJSON.decode(View.self, from: json)
        let written = try WireJSON.normalized(WireJSON.encode(view))
        let expected = try WireJSON.normalized(Data(json.utf8))
        #expect(written == expected)
        #expect(try WireJSON.roundTrip(view) == view)
        return view
    }

    private static func checkValue<View: Codable & Equatable>(_ view: View) throws {
        #expect(try WireJSON.roundTrip(view) == view)
    }

    @Test("provider and validator views: bonding status and release height")
    func providerAndValidator() throws {
        let provider = try Self.checkSample(ProviderView.self, S.providerJSON)
        #expect(provider.status == .unbonding && provider.releaseHeight == 120 && provider.tier == .prosumer)
        let validator = try Self.checkSample(ValidatorView.self, S.validatorJSON)
        #expect(validator.status == .active && validator.releaseHeight == nil)
    }

    @Test("assignment, committee member and vote views")
    func assignment() throws {
        let assignment = try Self.checkSample(AssignmentView.self, S.assignmentJSON)
        #expect(assignment.status == .voting && assignment.phase == .dispute)
        #expect(assignment.committee.first == CommitteeMemberView(validator: S.bob, segments: [1, 5]))
        #expect(assignment.votes.first?.evidence == [VoteView.Evidence(segment: 5, startHash: S.hashA, endHash: S.hashB)])
        try Self.checkValue(try #require(assignment.votes.first))
        try Self.checkValue(try #require(assignment.committee.last))
    }

    @Test("job, job spec and job page views")
    func job() throws {
        let job = try Self.checkSample(JobView.self, S.jobJSON)
        #expect(job.status == .active && job.spec == S.jobSpec && job.spec.spec.segmentCount == 16)
        try Self.checkValue(S.jobSpec)
        try Self.checkValue(Page(items: [job], total: 11, offset: 10, limit: 1))
    }

    @Test("a view from a newer node with states this build does not know still decodes and re-encodes unchanged")
    func newerNode() throws {
        let json = S.jobJSON
            .replacingOccurrences(of: #""status":"active""#, with: #""status":"appealed""#)
            .replacingOccurrences(of: #""phase":"dispute""#, with: #""phase":"appeal""#)
        let job = try Self.checkSample(JobView.self, json)
        #expect(job.status == .unrecognized("appealed"))
        let assignment = try #require(job.assignments.first)
        #expect(assignment.phase == .unrecognized("appeal"))
        #expect(assignment.requiredSegments(for: S.bob) == nil, "no vote against a phase this build cannot check")
    }

    @Test("stats and cost quote views")
    func statsAndCost() throws {
        let stats = try Self.checkSample(MarketStatsView.self, S.statsJSON)
        #expect(stats.jobsByStatus[.completed] == 2 && stats.jobsByStatus.count == 5)
        try Self.checkSample(CostQuoteView.self, S.costJSON)
    }

    @Test("account, node status, health, parameters, blob and manifest views")
    func nodeViews() throws {
        try Self.checkValue(AccountView(address: S.alice, account: Account(balance: .tokens(5), nonce: 3)))
        try Self.checkValue(NodeStatusView(chainID: "depin-test", height: 9, blockHash: S.hashA, stateRoot: S.hashB, mempool: 2, version: "0.1.0"))
        let health = HealthView(height: 4)
        try Self.checkValue(health)
        #expect(WireJSON.text(try WireJSON.encode(health)) == #"{"height":4,"status":"ok"}"#)
        try Self.checkValue(ParametersView(chainID: "depin-test", parameters: MarketParameters()))
        try Self.checkValue(BlobView(hash: S.hashA, size: 200_000))
        try Self.checkValue(ManifestView(root: S.hashA, checkpoints: [S.hashA, S.hashB]))
        try Self.checkValue(ManifestUploadRequest(checkpoints: [S.hashB]))
    }

    @Test("events, committed events, transaction and block views")
    func eventsAndTransactions() throws {
        let settled = EventView(MarketEvent.jobSettled(job: JobID(7), status: .expired, refund: .tokens(2)))
        #expect(settled.status == .expired)
        #expect(WireJSON.text(try WireJSON.encode(settled)) == #"{"job":7,"kind":"job-settled","refund":"2.000000","status":"expired"}"#)
        try Self.checkValue(settled)
        let posted = EventView(MarketEvent.jobPosted(job: JobID(7), client: S.carol, budget: .tokens(24), gpuHours: 8, tier: .consumer))
        try Self.checkValue(CommittedEventView(height: 3, transaction: 0, transactionID: S.hashA, event: posted))
        try Self.checkValue(CommittedEventView(height: 3, transaction: nil, transactionID: nil, event: settled))
        try Self.checkValue(SubmitTransactionRequest(transaction: "00ff", wait: true, timeoutMillis: 500))

        let committed = TransactionStatusView(
            status: .committed, id: S.hashA, height: 3, position: 0, blockHash: S.hashB, success: false,
            error: MarketError.jobNotFound.apiBody, events: [posted])
        try Self.checkValue(committed)
        try Self.checkValue(TransactionStatusView(status: .pending, id: S.hashB))
        #expect(WireJSON.text(try WireJSON.encode(TransactionStatusView(status: .unknown, id: S.hashB)))
                == #"{"id":"\#(S.hashB.hex)","status":"unknown"}"#)

        let transaction = BlockTransactionView(
            id: S.hashA, sender: S.carol, nonce: 0, fee: Amount(microUnits: 1_000), type: "post-job", outcome: .succeeded([
                .jobPosted(job: JobID(7), client: S.carol, budget: .tokens(24), gpuHours: 8, tier: .consumer),
            ]))
        try Self.checkValue(transaction)
        try Self.checkValue(BlockView(
            height: 3, hash: S.hashA, previousHash: S.hashB, timestampMillis: 1_700_000_000_000, transactionsRoot: S.hashA,
            resultsRoot: S.hashB, stateRoot: S.hashA, transactions: [transaction], boundaryEvents: [settled]))
        try Self.checkValue(MarketError.badNonce.apiBody)
    }
}
