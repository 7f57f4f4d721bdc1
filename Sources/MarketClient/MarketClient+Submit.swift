import MarketAPI
import MarketCore
import MarketLedger

/// Signing, submission and waiting for commit.
extension MarketClient {
    /// Submissions retried after a nonce disagreement before giving up.
    static let maxSubmitAttempts = 8
    /// Longest wait asked of the node in one `POST /v1/transactions` (it allows 60 s); longer
    /// waits continue by polling. Bounding it matters: a waiting POST holds a connection, and
    /// one whose transaction waits for a lower nonce still queued for a connection would
    /// otherwise hold it until the deadline.
    static let maxServerWait: Duration = .seconds(5)

    /// Signs `body` for `signer` with its next nonce and the chain's minimum fee (or `fee`).
    public func sign(_ body: TransactionBody, signedBy signer: Signer, fee: Amount? = nil) async throws(MarketClientError) -> SignedTransaction {
        let chain = try await cachedParameters()
        let nonce = try await reserveNonce(for: signer)
        do {
            return try SignedTransaction.sign(
                chainID: chain.chainID, nonce: nonce, fee: fee ?? chain.parameters.minimumTransactionFee, body: body,
                with: signer.key)
        } catch {
            await signer.release(nonce)
            throw .invalidRequest("Could not sign the transaction: \(error)")
        }
    }

    /// Signs and submits `body` from `signer`'s account. With `wait`, returns once the
    /// transaction is committed or dropped (or throws `.stillPending` after `timeout`); without,
    /// returns as soon as the node admitted it. A committed transaction whose body failed is
    /// returned, not thrown: call `requireSuccess()` on the receipt.
    ///
    /// The fee is the chain's `minimumTransactionFee` unless `fee` is given. Nonces come from the
    /// signer's local sequence; when the node disagrees (`nonce-too-low`, `bad-nonce`,
    /// `nonce-gap`) the signer re-syncs, and when the nonce is taken by a pending or identical
    /// transaction (`nonce-in-use`, `duplicate-transaction`) it moves on to the next; either way
    /// the transaction is signed again, at most `maxSubmitAttempts` times.
    public func submit(
        _ body: TransactionBody, signedBy signer: Signer, wait: Bool = true, timeout: Duration = .seconds(30),
        fee: Amount? = nil
    ) async throws(MarketClientError) -> SubmissionReceipt {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var attempt = 0
        while true {
            attempt += 1
            let signed = try await sign(body, signedBy: signer, fee: fee)
            let status: TransactionStatusView
            do {
                status = try await post(signed, wait: wait, timeout: max(.zero, deadline - clock.now))
            } catch {
                switch MarketClient.nonceDisagreement(error.code) {
                case .resync where attempt < MarketClient.maxSubmitAttempts:
                    await signer.resynchronize()
                    continue
                case .skip where attempt < MarketClient.maxSubmitAttempts:
                    continue
                default:
                    break
                }
                if error.code == LedgerError.wrongChain.code { await chainCache.clear() }
                if case .api = error {
                    await signer.release(signed.nonce)
                } else {
                    // The node may or may not have admitted it: ask it next time.
                    await signer.resynchronize()
                }
                throw error
            }
            var receipt = SubmissionReceipt(id: signed.id, nonce: signed.nonce, fee: signed.fee, status: status)
            guard wait else { return receipt }
            if receipt.isPending || receipt.status.status == .unknown {
                receipt.status = try await waitForCommit(signed.id, until: deadline, clock: clock)
            }
            if receipt.isDropped {
                // A dropped transaction used no nonce.
                await signer.resynchronize()
                if let code = receipt.error?.code, MarketClient.nonceDisagreement(code) == .resync,
                   attempt < MarketClient.maxSubmitAttempts {
                    continue
                }
            }
            if receipt.isPending || receipt.status.status == .unknown {
                throw .stillPending(id: signed.id, waitedMillis: timeout.milliseconds)
            }
            return receipt
        }
    }

    /// `POST /v1/transactions` with an already signed transaction.
    public func post(_ signed: SignedTransaction, wait: Bool, timeout: Duration = .seconds(30)) async throws(MarketClientError) -> TransactionStatusView {
        let serverWait = min(timeout, MarketClient.maxServerWait)
        let request = SubmitTransactionRequest(
            transaction: Hex.encode(signed.signedBytes), wait: wait, timeoutMillis: wait ? max(1, serverWait.milliseconds) : nil)
        return try await call(
            TransactionStatusView.self, .POST, "/v1/transactions", json: request,
            timeout: (wait ? serverWait : .zero) + requestTimeout)
    }

    /// Polls `GET /v1/transactions/{id}` until it is committed or dropped or `deadline` passes.
    public func waitForCommit(_ id: Hash256, timeout: Duration) async throws(MarketClientError) -> TransactionStatusView {
        let clock = ContinuousClock()
        return try await waitForCommit(id, until: clock.now + timeout, clock: clock)
    }

    func waitForCommit(_ id: Hash256, until deadline: ContinuousClock.Instant, clock: ContinuousClock) async throws(MarketClientError) -> TransactionStatusView {
        var status = try await pollStatus(id)
        while status.status == .pending || status.status == .unknown {
            let remaining = deadline - clock.now
            guard remaining > .zero else { return status }
            do {
                try await Task.sleep(for: min(remaining, .milliseconds(100)))
            } catch {
                return status
            }
            status = try await pollStatus(id)
        }
        return status
    }

    /// The transaction's status, with the node's 404 for an id it does not know read as `unknown`.
    private func pollStatus(_ id: Hash256) async throws(MarketClientError) -> TransactionStatusView {
        do {
            return try await transaction(id)
        } catch let error where error.isNotFound {
            return TransactionStatusView(status: .unknown, id: id)
        }
    }

    /// Next nonce for `signer`: local when known, else the account's nonce from the node.
    func reserveNonce(for signer: Signer) async throws(MarketClientError) -> UInt64 {
        if let nonce = await signer.reserveNonce() { return nonce }
        let account = try await account(signer.address)
        return await signer.reserveNonce(syncedTo: account.nonce)
    }

    enum NonceAction {
        /// The node's account nonce differs from the local one: fetch it again.
        case resync
        /// Another pending transaction holds this nonce: take the next one.
        case skip
        case none
    }

    static func nonceDisagreement(_ code: Int) -> NonceAction {
        switch code {
        case LedgerError.nonceTooLow.code, LedgerError.nonceGap.code, MarketError.badNonce.code:
            .resync
        // The same bytes are pending or committed already: only a stale nonce makes a new
        // transaction sign to identical bytes, so move past it.
        case LedgerError.nonceInUse.code, LedgerError.duplicateTransaction.code:
            .skip
        default:
            .none
        }
    }
}
