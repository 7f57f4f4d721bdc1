/// Every expected failure of the market state machine, with a stable numeric code and name.
///
/// Codes 500-507 are the seed contract's and keep their numbers; every later condition has its own
/// code from 508 up. Codes are part of the protocol: never renumber, only append.
public enum MarketError: UInt16, CodedError, CaseIterable, Hashable {
    case invalidProvider = 500
    case insufficientCompute = 501
    case jobNotFound = 502
    case alreadyClaimed = 503
    case invalidProof = 504
    case providerOffline = 505
    case invalidGPU = 506
    case jobActive = 507
    case unauthorized = 508
    case insufficientBalance = 509
    case duplicateVote = 510
    case selfValidation = 511
    case notOnCommittee = 512
    case deadlinePassed = 513
    case stakeLocked = 514
    case arithmeticOverflow = 515
    case badNonce = 516
    case feeTooLow = 517
    case invalidAmount = 518
    case providerExists = 519
    case validatorExists = 520
    case validatorNotFound = 521
    case insufficientStake = 522
    case noEligibleProvider = 523
    case invalidJobSpec = 524
    case assignmentNotFound = 525
    case notVerified = 526
    case validationClosed = 527
    case invalidEvidence = 528
    case providerJailed = 529
    case tooManyAssignments = 530
    case alreadyAssigned = 531
    case committeePending = 532
    case nothingToWithdraw = 533
    case invalidParameters = 534
    case rateTooHigh = 535
    case selfDealing = 536
    case proofExists = 537

    /// The numeric code users and clients see (the raw value, which canonical encodings carry).
    public var code: Int { Int(rawValue) }

    /// Stable kebab-case name, e.g. `err-job-not-found`'s `job-not-found`.
    public var name: String {
        switch self {
        case .invalidProvider: "invalid-provider"
        case .insufficientCompute: "insufficient-compute"
        case .jobNotFound: "job-not-found"
        case .alreadyClaimed: "already-claimed"
        case .invalidProof: "invalid-proof"
        case .providerOffline: "provider-offline"
        case .invalidGPU: "invalid-gpu"
        case .jobActive: "job-active"
        case .unauthorized: "unauthorized"
        case .insufficientBalance: "insufficient-balance"
        case .duplicateVote: "duplicate-vote"
        case .selfValidation: "self-validation"
        case .notOnCommittee: "not-on-committee"
        case .deadlinePassed: "deadline-passed"
        case .stakeLocked: "stake-locked"
        case .arithmeticOverflow: "arithmetic-overflow"
        case .badNonce: "bad-nonce"
        case .feeTooLow: "fee-too-low"
        case .invalidAmount: "invalid-amount"
        case .providerExists: "provider-exists"
        case .validatorExists: "validator-exists"
        case .validatorNotFound: "validator-not-found"
        case .insufficientStake: "insufficient-stake"
        case .noEligibleProvider: "no-eligible-provider"
        case .invalidJobSpec: "invalid-job-spec"
        case .assignmentNotFound: "assignment-not-found"
        case .notVerified: "not-verified"
        case .validationClosed: "validation-closed"
        case .invalidEvidence: "invalid-evidence"
        case .providerJailed: "provider-jailed"
        case .tooManyAssignments: "too-many-assignments"
        case .alreadyAssigned: "already-assigned"
        case .committeePending: "committee-pending"
        case .nothingToWithdraw: "nothing-to-withdraw"
        case .invalidParameters: "invalid-parameters"
        case .rateTooHigh: "rate-too-high"
        case .selfDealing: "self-dealing"
        case .proofExists: "proof-exists"
        }
    }

    /// A sentence for people: what went wrong, in the protocol's terms (the CLI adds its own hints).
    public var message: String {
        switch self {
        case .invalidProvider: "The sender is not a registered provider, or the provider's rate or registration is invalid. A provider must register with a rate above zero."
        case .insufficientCompute: "The budget or the offered compute does not cover what the job needs (tier reference cost, GPUs, memory or GPU-hours)."
        case .jobNotFound: "No job has this id on this chain."
        case .alreadyClaimed: "This reward was already claimed; a reward pays exactly once."
        case .invalidProof: "The proof does not match the job: its segment count must equal the job's and its checkpoint root and result hash must be non-zero."
        case .providerOffline: "The provider has no heartbeat inside the liveness window or its measured availability is below the uptime requirement."
        case .invalidGPU: "The GPU specification is invalid: tier must be 1-3, memory per GPU at least the minimum, GPU count within limits."
        case .jobActive: "The job is no longer pending (it has assignments or has ended), so this action is not allowed."
        case .unauthorized: "The sender is not allowed to perform this action on this object."
        case .insufficientBalance: "The sender's balance does not cover the amount plus fee. Fund the account first."
        case .duplicateVote: "This validator already voted on this proof."
        case .selfValidation: "The job's client or provider may not validate it."
        case .notOnCommittee: "The sender is not on the committee drawn for this proof."
        case .deadlinePassed: "The deadline for this action has passed."
        case .stakeLocked: "The stake is locked: the provider has active assignments or the unbonding period has not ended."
        case .arithmeticOverflow: "An amount overflowed the 64-bit micro-unit range; use smaller values."
        case .badNonce: "The transaction nonce does not equal the account's next nonce."
        case .feeTooLow: "The transaction fee is below the minimum fee parameter."
        case .invalidAmount: "The amount must be greater than zero and within range."
        case .providerExists: "This account is already registered as a provider; update its registration instead."
        case .validatorExists: "This account is already registered as a validator."
        case .validatorNotFound: "The sender is not a registered validator."
        case .insufficientStake: "The stake is below the required minimum."
        case .noEligibleProvider: "No registered provider currently qualifies for this job (tier, memory, free GPUs, availability, liveness, rate, stake). Try again later or raise the maximum rate."
        case .invalidJobSpec: "The job specification is invalid: check GPU count, GPU-hours, segment count and budget bounds."
        case .assignmentNotFound: "The job has no assignment for this provider or index."
        case .notVerified: "The work has not been verified yet; claim after the committee approves it."
        case .validationClosed: "Voting on this proof is closed: it was already decided or is not awaiting votes."
        case .invalidEvidence: "The vote's evidence must cover exactly the segments challenged for this validator."
        case .providerJailed: "The provider is jailed after a slash and cannot take work until the jail period ends."
        case .tooManyAssignments: "The job already has the maximum number of assignments."
        case .alreadyAssigned: "This provider already holds an assignment on this job, or was excluded from it."
        case .committeePending: "The committee for this proof is not drawn yet; it is fixed by the next block."
        case .nothingToWithdraw: "There is no unbonded stake ready to withdraw."
        case .invalidParameters: "The parameter set is invalid or the sender is not the governance account."
        case .rateTooHigh: "The provider's rate exceeds the job's maximum hourly rate or the remaining budget."
        case .selfDealing: "A client cannot provide compute for its own job."
        case .proofExists: "A proof was already submitted for this assignment."
        }
    }
}
