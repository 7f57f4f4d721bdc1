extension MarketState {
    /// Starts block `height`: runs every deadline, committee draw and availability check due at
    /// it. `previousHash` is the hash of block `height - 1` and seeds committee draws.
    public mutating func beginBlock(height newHeight: BlockHeight, previousHash: Hash256) -> [MarketEvent] {
        precondition(newHeight == height + 1, "blocks must be applied in order")
        height = newHeight
        previousBlockHash = previousHash
        var events: [MarketEvent] = []
        for item in schedule.takeDue(at: newHeight) {
            // Boundary work cannot be refused by anyone; if an item would fail (it cannot while the
            // money invariant holds) it is skipped atomically rather than trapping the process.
            if let produced = try? atomically({ (state: inout MarketState) throws(MarketError) in
                try state.process(item)
            }) {
                events += produced
            }
        }
        if newHeight % parameters.heartbeatWindowBlocks == 0 {
            if let produced = try? atomically({ (state: inout MarketState) throws(MarketError) in
                try state.penalizeDowntime()
            }) {
                events += produced
            }
        }
        return events
    }

    /// Checks what makes a transaction includable at all: the nonce is the account's next one and
    /// the sender can pay a fee of at least the minimum. A transaction failing this must not be
    /// included in a block; `apply` throws the same error and changes nothing.
    public func checkIncludable(_ transaction: Transaction) throws(MarketError) {
        let account = accounts[transaction.sender] ?? Account()
        guard transaction.nonce == account.nonce else { throw .badNonce }
        guard transaction.fee >= parameters.minimumTransactionFee else { throw .feeTooLow }
        guard transaction.fee <= account.balance else { throw .insufficientBalance }
    }

    /// Applies one transaction in the current block.
    ///
    /// Throws (changing nothing) when the transaction is not includable. Otherwise the nonce and
    /// fee are always consumed and the body either takes effect whole (`.succeeded`) or not at all
    /// (`.failed` with its error code).
    public mutating func apply(_ transaction: Transaction) throws(MarketError) -> TransactionOutcome {
        try checkIncludable(transaction)
        var account = accounts[transaction.sender] ?? Account()
        account.nonce += 1
        account.balance = try account.balance.subtracting(transaction.fee)
        setAccount(transaction.sender, account)
        var updated = globals
        updated.treasury = try updated.treasury.adding(transaction.fee)
        updated.feesCollected = try updated.feesCollected.adding(transaction.fee)
        setGlobals(updated)
        do {
            let events = try atomically { (state: inout MarketState) throws(MarketError) in
                try state.execute(transaction.body, sender: transaction.sender)
            }
            return .succeeded(events)
        } catch {
            return .failed(error)
        }
    }

    private mutating func execute(_ body: TransactionBody, sender: Address) throws(MarketError) -> [MarketEvent] {
        switch body {
        case .transfer(let to, let amount): return try transfer(from: sender, to: to, amount: amount)
        case .registerProvider(let spec): return try registerProvider(sender, spec: spec)
        case .providerHeartbeat: return try providerHeartbeat(sender)
        case .updateProvider(let spec): return try updateProvider(sender, spec: spec)
        case .unregisterProvider: return try unregisterProvider(sender)
        case .registerValidator(let stake): return try registerValidator(sender, stake: stake)
        case .unregisterValidator: return try unregisterValidator(sender)
        case .withdrawStake: return try withdrawStake(sender)
        case .postJob(let spec, let budget): return try postJob(client: sender, spec: spec, budget: budget)
        case .cancelJob(let id): return try cancelJob(id, by: sender)
        case .matchJob(let id): return try matchJob(id)
        case .acceptJob(let id, let gpuHours): return try acceptJob(id, provider: sender, gpuHours: gpuHours)
        case .submitProof(let id, let index, let root, let result, let segments):
            return try submitProof(
                id, assignment: index, by: sender,
                commitment: ProofCommitment(checkpointRoot: root, resultHash: result, segmentCount: segments, submittedAt: height))
        case .verifyProof(let id, let index, let approve, let evidence):
            return try verifyProof(id, assignment: index, by: sender, approve: approve, evidence: evidence)
        case .claimReward(let id): return try claimReward(id, by: sender)
        case .updateParameters(let newParameters): return try updateParameters(newParameters, by: sender)
        case .mint(let to, let amount): return try mint(to: to, amount: amount, by: sender)
        }
    }

    private mutating func process(_ item: ScheduledItem) throws(MarketError) -> [MarketEvent] {
        switch item {
        case .committeeDraw(let id, let index): return try drawCommitteeIfDue(id, assignment: index)
        case .validationDeadline(let id, let index): return try expireValidation(id, assignment: index)
        case .proofDeadline(let id, let index): return try expireProofDeadline(id, assignment: index)
        case .jobExpiry(let id): return try expirePendingJob(id)
        case .livenessExpiry(let address):
            if let provider = providers[address],
               !provider.isLive(at: height, livenessBlocks: parameters.livenessWindowBlocks) {
                reindexProvider(address)
            }
            return []
        }
    }
}
