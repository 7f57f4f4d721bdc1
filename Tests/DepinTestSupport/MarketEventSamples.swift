import MarketCore

/// One sample of every market event, in tag order (1-26): for encoding tests and for checks that
/// every event has a wire spelling.
public enum MarketEventSamples {
    static let alice = Address.derived(from: "encoding/alice")
    static let bob = Address.derived(from: "encoding/bob")
    static let carol = Address.derived(from: "encoding/carol")
    static let rootHash = Hash256.tagged("encoding/root", [])
    static let resultHash = Hash256.tagged("encoding/result", [])

    static func micro(_ value: UInt64) -> Amount { Amount(microUnits: value) }

    public static let all: [MarketEvent] = [
        .transferred(from: alice, to: bob, amount: micro(1)),
        .minted(to: alice, amount: micro(2)),
        .providerRegistered(provider: alice, tier: .prosumer, gpus: 4, rate: micro(3), stake: micro(4)),
        .providerUpdated(provider: alice, stake: micro(5)),
        .providerHeartbeat(provider: alice),
        .providerUnregistered(provider: alice, releaseHeight: 77),
        .validatorRegistered(validator: bob, stake: micro(6)),
        .validatorUnregistered(validator: bob, releaseHeight: 78),
        .stakeWithdrawn(owner: bob, amount: micro(7)),
        .jobPosted(job: JobID(1), client: carol, budget: micro(8), gpuHours: 10, tier: .datacenter),
        .jobCancelled(job: JobID(2), refund: micro(9)),
        .jobMatched(job: JobID(3), assignment: 1, provider: alice, gpuHours: 4, rate: micro(10), cost: micro(11)),
        .proofSubmitted(job: JobID(4), assignment: 0, provider: alice, checkpointRoot: rootHash, resultHash: resultHash),
        .committeeDrawn(job: JobID(5), assignment: 2, round: 3, members: [alice, bob, carol]),
        .voteCast(job: JobID(6), assignment: 0, validator: bob, approve: true),
        .assignmentVerified(job: JobID(7), assignment: 0, provider: alice, cost: micro(12), fee: micro(13), payout: micro(14)),
        .assignmentRejected(job: JobID(8), assignment: 1, provider: alice),
        .assignmentMissedDeadline(job: JobID(9), assignment: 2, provider: alice),
        .assignmentUnverifiable(job: JobID(10), assignment: 3, provider: alice),
        .providerSlashed(provider: alice, amount: micro(15), reason: .downtime),
        .validatorRewarded(validator: bob, amount: micro(16)),
        .validatorPenalized(validator: bob, amount: micro(17), reason: .missedVote),
        .rewardClaimed(job: JobID(11), provider: alice, amount: micro(18)),
        .jobSettled(job: JobID(12), status: .expired, refund: micro(19)),
        .parametersUpdated,
        .disputeOpened(job: JobID(13), assignment: 1, segments: [2, 5, 9]),
    ]
}
