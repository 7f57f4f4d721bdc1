import Hummingbird
import MarketAPI
import MarketCore
import MarketLedger

/// `POST /v1/transactions` and `GET /v1/transactions/{id}`.
struct TransactionController {
    let ledger: Ledger
    /// Largest accepted request body.
    let maxBodyBytes: Int

    static let defaultWaitMillis = 10_000
    static let maxWaitMillis = 60_000

    func addRoutes(to group: RouterGroup<NodeRequestContext>) {
        group.post("transactions", use: submit)
        group.get("transactions/{id}", use: status)
    }

    /// Decodes and verifies the signature on this request's task (`Ledger.submit` is nonisolated),
    /// then admits; with `wait`, answers once the transaction is committed or dropped.
    @Sendable func submit(_ request: Request, context: NodeRequestContext) async throws -> EditedResponse<TransactionStatusView> {
        try request.expectNoQuery()
        let body = try await RequestBodyReader.decode(SubmitTransactionRequest.self, from: request, limit: maxBodyBytes)
        guard let bytes = Hex.decode(body.transaction), !bytes.isEmpty else {
            throw APIFailure.invalidField("`transaction` must be the signed transaction's bytes as an even number of hex digits")
        }
        let timeoutMillis = body.timeoutMillis ?? Self.defaultWaitMillis
        guard (1...Self.maxWaitMillis).contains(timeoutMillis) else {
            throw APIFailure.invalidField("`timeoutMillis` must be 1-\(Self.maxWaitMillis), got \(timeoutMillis)")
        }
        let id: Hash256
        do {
            id = try await ledger.submit(bytes)
        } catch {
            throw APIFailure.ledger(error)
        }
        let status = body.wait == true
            ? await ledger.waitForCommit(id, timeout: .milliseconds(timeoutMillis))
            : await ledger.status(of: id)
        let code: HTTPResponse.Status = switch status {
        case .committed, .dropped, .evicted: .ok
        case .pending, .unknown: .accepted
        }
        var headers = HTTPFields()
        headers[.location] = "/v1/transactions/\(id.hex)"
        return EditedResponse(status: code, headers: headers, response: TransactionStatusView(status, id: id))
    }

    @Sendable func status(_ request: Request, context: NodeRequestContext) async throws -> TransactionStatusView {
        let id = try context.pathHash("id")
        try request.expectNoQuery()
        let status = await ledger.status(of: id)
        if status == .unknown {
            throw APIFailure.notFound("no transaction \(id.hex) is pending or committed on this node")
        }
        return TransactionStatusView(status, id: id)
    }
}
