import DepinTestSupport
import Testing
@testable import MarketCore
import MarketSimulation


@Suite("error catalog")
struct ErrorCatalogTests {
    @Test("the seed contract's eight errors keep their codes and names", arguments: [
        (UInt16(500), "invalid-provider", MarketError.invalidProvider),
        (501, "insufficient-compute", .insufficientCompute),
        (502, "job-not-found", .jobNotFound),
        (503, "already-claimed", .alreadyClaimed),
        (504, "invalid-proof", .invalidProof),
        (505, "provider-offline", .providerOffline),
        (506, "invalid-gpu", .invalidGPU),
        (507, "job-active", .jobActive),
    ])
    func seedCodes(code: UInt16, name: String, error: MarketError) {
        #expect(error.code == code)
        #expect(error.name == name)
        #expect(MarketError(rawValue: code) == error)
    }

    @Test("codes and names published so far never change")
    func publishedCatalog() {
        let published: [(UInt16, String)] = [
            (508, "unauthorized"), (509, "insufficient-balance"), (510, "duplicate-vote"), (511, "self-validation"),
            (512, "not-on-committee"), (513, "deadline-passed"), (514, "stake-locked"), (515, "arithmetic-overflow"),
            (516, "bad-nonce"), (517, "fee-too-low"), (518, "invalid-amount"), (519, "provider-exists"),
            (520, "validator-exists"), (521, "validator-not-found"), (522, "insufficient-stake"),
            (523, "no-eligible-provider"), (524, "invalid-job-spec"), (525, "assignment-not-found"),
            (526, "not-verified"), (527, "validation-closed"), (528, "invalid-evidence"), (529, "provider-jailed"),
            (530, "too-many-assignments"), (531, "already-assigned"), (532, "committee-pending"),
            (533, "nothing-to-withdraw"), (534, "invalid-parameters"), (535, "rate-too-high"), (536, "self-dealing"),
            (537, "proof-exists"),
        ]
        for (code, name) in published {
            #expect(MarketError(rawValue: code)?.name == name, "code \(code)")
        }
    }

    @Test("every code is unique and every code after the seed's is 508 or above, without gaps")
    func codesUnique() {
        let codes = MarketError.allCases.map(\.code)
        #expect(Set(codes).count == codes.count)
        let seed: Set<MarketError> = [.invalidProvider, .insufficientCompute, .jobNotFound, .alreadyClaimed,
                                      .invalidProof, .providerOffline, .invalidGPU, .jobActive]
        for error in MarketError.allCases where !seed.contains(error) {
            #expect(error.code >= 508, "\(error.name) has code \(error.code)")
        }
        #expect(codes.sorted() == Array(500..<(500 + codes.count)))
    }

    @Test("every name is unique and kebab-case")
    func namesUnique() {
        let names = MarketError.allCases.map(\.name)
        #expect(Set(names).count == names.count)
        for name in names {
            let isKebab = !name.isEmpty && name.first != "-" && name.last != "-" && !name.contains("--")
                && name.allSatisfy { ($0 >= "a" && $0 <= "z") || $0 == "-" }
            #expect(isKebab, "\(name)")
        }
    }

    @Test("every message is a non-empty sentence, distinct from the others")
    func messages() {
        let messages = MarketError.allCases.map(\.message)
        #expect(Set(messages).count == messages.count)
        for error in MarketError.allCases {
            #expect(!error.message.isEmpty, "\(error.name)")
            #expect(error.message.count >= 20, "\(error.name)")
            #expect(error.message.last == "." || error.message.last == ")", "\(error.name)")
            #expect(error.description == "error \(error.code) \(error.name): \(error.message)")
        }
    }

    @Test("a failed outcome carries the code on the wire and decodes back to the same error",
          arguments: MarketError.allCases)
    func failedOutcomeEncoding(error: MarketError) throws {
        let outcome = TransactionOutcome.failed(error)
        #expect(outcome.canonicalBytes == [1, UInt8(error.code >> 8), UInt8(error.code & 0xff)])
        #expect(try TransactionOutcome(canonicalBytes: outcome.canonicalBytes) == outcome)
        #expect(outcome.error == error)
        #expect(outcome.events.isEmpty)
    }
}

/// Transactions that fail in the prepared market, each with the error it must fail with.
enum FailingTransaction: CaseIterable, Sendable, CustomTestStringConvertible {
    case duplicateProvider, unaffordableStake, invalidGPU, zeroRate, budgetBelowReference, unaffordableBudget
    case invalidJobSpec, cancelByStranger, cancelActiveJob, matchUnknownJob, matchWithoutProvider, acceptZeroHours
    case acceptActiveJob, duplicateProof, malformedProof, selfValidation, badEvidence, notOnCommittee
    case claimBeforeVerification, claimByStranger, nothingToWithdraw, unregisterWhileAssigned, shrinkBelowBusy
    case topUpUnaffordable, zeroTransfer, overdraft, parametersByStranger, invalidParameters, mintDisabled
    case validatorStakeTooLow, duplicateValidator, unregisterUnknownValidator, heartbeatFromStranger

    var testDescription: String { "\(self)" }

    /// The sender, body and expected error in a market prepared by `FailureAtomicityTests.prepared()`.
    func transaction(in market: PreparedMarket) -> (Address, TransactionBody, MarketError) {
        let fixture = market.fixture
        let member = fixture.assignment(market.voting)?.committee.first
        let voter = member?.validator ?? fixture.validators[0]
        switch self {
        case .duplicateProvider: return (fixture.providers[0], .registerProvider(MarketFixture.spec()), .providerExists)
        case .unaffordableStake: return (fixture.outsider, .registerProvider(MarketFixture.spec(gpus: 100)), .insufficientBalance)
        case .invalidGPU:
            return (fixture.providers[2], .registerProvider(ProviderSpec(tier: 0, gpuCount: 1, memoryPerGPUGB: 8, ratePerGPUHour: .tokens(1))), .invalidGPU)
        case .zeroRate: return (fixture.providers[2], .registerProvider(MarketFixture.spec(rate: .zero)), .invalidProvider)
        case .budgetBelowReference:
            return (fixture.clients[0], .postJob(spec: MarketFixture.jobSpec(tier: .datacenter), budget: .tokens(1)), .insufficientCompute)
        case .unaffordableBudget: return (fixture.outsider, .postJob(spec: MarketFixture.jobSpec(), budget: .tokens(1_000)), .insufficientBalance)
        case .invalidJobSpec: return (fixture.clients[0], .postJob(spec: MarketFixture.jobSpec(gpuHours: 0), budget: .tokens(1)), .invalidJobSpec)
        case .cancelByStranger: return (fixture.clients[1], .cancelJob(market.pending), .unauthorized)
        case .cancelActiveJob: return (fixture.clients[0], .cancelJob(market.voting), .jobActive)
        case .matchUnknownJob: return (fixture.outsider, .matchJob(JobID(99)), .jobNotFound)
        case .matchWithoutProvider: return (fixture.outsider, .matchJob(market.unmatchable), .noEligibleProvider)
        case .acceptZeroHours: return (fixture.providers[1], .acceptJob(market.pending, gpuHours: 0), .invalidAmount)
        case .acceptActiveJob: return (fixture.providers[1], .acceptJob(market.voting, gpuHours: 1), .jobActive)
        case .duplicateProof:
            return (fixture.providers[0], .submitProof(market.voting, assignment: 0, checkpointRoot: Hash256.tagged("x", []),
                                                       resultHash: Hash256.tagged("y", []), segmentCount: 8), .proofExists)
        case .malformedProof:
            return (fixture.providers[1], .submitProof(market.pending, assignment: 0, checkpointRoot: .zero,
                                                       resultHash: .zero, segmentCount: 8), .invalidProof)
        case .selfValidation:
            return (fixture.clients[0], .verifyProof(market.voting, assignment: 0, approve: true, evidence: []), .selfValidation)
        case .badEvidence: return (voter, .verifyProof(market.voting, assignment: 0, approve: true, evidence: []), .invalidEvidence)
        case .notOnCommittee: return (fixture.outsider, .verifyProof(market.voting, assignment: 0, approve: false, evidence: []), .notOnCommittee)
        case .claimBeforeVerification: return (fixture.providers[0], .claimReward(market.voting), .notVerified)
        case .claimByStranger: return (fixture.providers[1], .claimReward(market.voting), .assignmentNotFound)
        case .nothingToWithdraw: return (fixture.outsider, .withdrawStake, .nothingToWithdraw)
        case .unregisterWhileAssigned: return (fixture.providers[0], .unregisterProvider, .stakeLocked)
        case .shrinkBelowBusy: return (fixture.providers[0], .updateProvider(MarketFixture.spec(gpus: 2)), .stakeLocked)
        case .topUpUnaffordable: return (fixture.providers[1], .updateProvider(MarketFixture.spec(gpus: 1_000)), .insufficientBalance)
        case .zeroTransfer: return (fixture.clients[0], .transfer(to: fixture.outsider, amount: .zero), .invalidAmount)
        case .overdraft: return (fixture.outsider, .transfer(to: fixture.clients[0], amount: .tokens(1_000)), .insufficientBalance)
        case .parametersByStranger: return (fixture.clients[0], .updateParameters(MarketParameters()), .unauthorized)
        case .invalidParameters:
            var parameters = MarketParameters()
            parameters.committeeSize = 0
            return (fixture.governance, .updateParameters(parameters), .invalidParameters)
        case .mintDisabled: return (fixture.governance, .mint(to: fixture.governance, amount: .tokens(1)), .unauthorized)
        case .validatorStakeTooLow: return (fixture.outsider, .registerValidator(stake: .tokens(1)), .insufficientStake)
        case .duplicateValidator: return (fixture.validators[0], .registerValidator(stake: .tokens(100)), .validatorExists)
        case .unregisterUnknownValidator: return (fixture.outsider, .unregisterValidator, .validatorNotFound)
        case .heartbeatFromStranger: return (fixture.outsider, .providerHeartbeat, .invalidProvider)
        }
    }
}

/// A market with a job in voting (provider 0, four GPUs busy), a pending job partly accepted by
/// provider 1, a pending job no provider can serve, and a funded governance account.
struct PreparedMarket {
    var fixture: MarketFixture
    var voting: JobID
    var pending: JobID
    var unmatchable: JobID
}

@Suite("failure atomicity")
struct FailureAtomicityTests {
    static func prepared() throws -> PreparedMarket {
        var fixture = try MarketFixture()
        fixture.registerProvider(1, MarketFixture.spec(rate: .tokens(1)))
        let voting = fixture.jobAwaitingVotes(job: MarketFixture.jobSpec(gpus: 4))
        let pending = fixture.postJob(client: 2)
        fixture.succeed(fixture.providers[1], .acceptJob(pending, gpuHours: 4))
        let unmatchable = fixture.postJob(client: 2, MarketFixture.jobSpec(gpus: 64))
        fixture.succeed(fixture.clients[2], .transfer(to: fixture.governance, amount: .tokens(1)))
        return PreparedMarket(fixture: fixture, voting: voting, pending: pending, unmatchable: unmatchable)
    }

    @Test("a failing transaction changes nothing but the sender's nonce and fee", arguments: FailingTransaction.allCases)
    func failureChangesOnlyNonceAndFee(failing: FailingTransaction) throws {
        let market = try Self.prepared()
        let (sender, body, expected) = failing.transaction(in: market)
        var state = market.fixture.state
        _ = state.beginBlock(height: state.height + 1, previousHash: market.fixture.chain.lastHash)
        let before = Dictionary(uniqueKeysWithValues: state.snapshotEntries().map { ($0.key, $0.value) })
        let listed = state.listedProviderCount
        let validators = state.activeValidatorAddresses
        let pendingJob = try #require(state.jobs[market.pending])
        let best = state.bestProvider(for: pendingJob)
        let account = try #require(state.accounts[sender])

        let outcome = try state.apply(market.fixture.chain.transaction(sender, body))
        #expect(outcome == .failed(expected))

        let after = Dictionary(uniqueKeysWithValues: state.snapshotEntries().map { ($0.key, $0.value) })
        #expect(Set(after.keys) == Set(before.keys))
        for (key, bytes) in before where key != .account(sender) && key != .globals {
            #expect(after[key] == bytes, "\(key) changed")
        }
        let senderBytes = try #require(after[.account(sender)] ?? nil)
        let senderAfter = try Account(canonicalBytes: senderBytes)
        #expect(senderAfter.nonce == account.nonce + 1)
        #expect(senderAfter.balance.microUnits == account.balance.microUnits - txFee)
        let globalsBefore = try Globals(canonicalBytes: try #require(before[.globals] ?? nil))
        var globalsAfter = try Globals(canonicalBytes: try #require(after[.globals] ?? nil))
        #expect(globalsAfter.treasury.microUnits == globalsBefore.treasury.microUnits + txFee)
        #expect(globalsAfter.feesCollected.microUnits == globalsBefore.feesCollected.microUnits + txFee)
        globalsAfter.treasury = globalsBefore.treasury
        globalsAfter.feesCollected = globalsBefore.feesCollected
        #expect(globalsAfter == globalsBefore)
        // Derived indexes are rolled back too.
        #expect(state.listedProviderCount == listed)
        #expect(state.activeValidatorAddresses == validators)
        #expect(state.bestProvider(for: pendingJob) == best)
        #expect(state.moneySupply().isConserved)
    }

    @Test("a transaction that is not includable throws and changes nothing at all", arguments: [
        (UInt64(1), UInt64(1_000), MarketError.badNonce),
        (UInt64(0), UInt64(999), MarketError.feeTooLow),
        (UInt64(0), UInt64(2_000_000_000), MarketError.insufficientBalance),
    ])
    func notIncludable(nonceOffset: UInt64, fee: UInt64, expected: MarketError) throws {
        let market = try Self.prepared()
        let sender = market.fixture.outsider
        var state = market.fixture.state
        _ = state.beginBlock(height: state.height + 1, previousHash: market.fixture.chain.lastHash)
        let before = state.snapshotEntries()
        let nonce = (state.accounts[sender]?.nonce ?? 0) + nonceOffset
        let transaction = Transaction(sender: sender, nonce: nonce, fee: Amount(microUnits: fee), body: .matchJob(market.pending))
        #expect(throws: expected) { try state.checkIncludable(transaction) }
        #expect(throws: expected) { _ = try state.apply(transaction) }
        #expect(state.snapshotEntries() == before)
    }

    @Test("an account without funds cannot send anything, not even a failing transaction")
    func unfundedSender() throws {
        let market = try Self.prepared()
        var state = market.fixture.state
        let stranger = Address.derived(from: "test/unfunded")
        let before = state.snapshotEntries()
        let transaction = Transaction(sender: stranger, nonce: 0, fee: Amount(microUnits: txFee), body: .providerHeartbeat)
        #expect(throws: MarketError.insufficientBalance) { _ = try state.apply(transaction) }
        #expect(state.snapshotEntries() == before)
        #expect(state.accounts[stranger] == nil)
    }
}
