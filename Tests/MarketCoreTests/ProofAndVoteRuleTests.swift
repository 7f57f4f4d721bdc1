import DepinTestSupport
import Testing
@testable import MarketCore
import MarketSimulation

private let root = Hash256.tagged("test/root", [])
private let result = Hash256.tagged("test/result", [])

private extension MarketFixture {

    /// Registers provider 0, posts a job from client 0 and matches it; returns the job.
    mutating func matchedJob(_ spec: JobSpec = MarketFixture.jobSpec()) -> JobID {
        registerProvider(0)
        let job = postJob(spec)
        succeed(clients[1], .matchJob(job))
        return job
    }

    /// A committee member's vote body with evidence for exactly `segments`.
    func voteBody(_ job: JobID, _ index: UInt32 = 0, segments: [UInt32], approve: Bool) -> TransactionBody {
        let evidence = segments.map { SegmentEvidence(segment: $0, startHash: Hash256.tagged("s", [UInt8(truncatingIfNeeded: $0)]),
                                                      endHash: Hash256.tagged("e", [UInt8(truncatingIfNeeded: $0)])) }
        return .verifyProof(job, assignment: index, approve: approve, evidence: evidence)
    }

    func committee(_ job: JobID, _ index: UInt32 = 0) -> [Address] {
        assignment(job, index)?.committee.map(\.validator) ?? []
    }
}


private func proofBody(_ job: JobID, _ index: UInt32 = 0, root: Hash256 = root, result: Hash256 = result, segments: UInt32 = 8) -> TransactionBody {
    .submitProof(job, assignment: index, checkpointRoot: root, resultHash: result, segmentCount: segments)
}

@Suite("submit-proof")
struct SubmitProofTests {
    @Test("the assigned provider's proof is stored and waits for the committee of the next block")
    func proofStored() throws {
        var fixture = try MarketFixture()
        let job = fixture.matchedJob()
        let events = fixture.succeed(fixture.providers[0], proofBody(job))
        let height = fixture.state.height
        #expect(events == [.proofSubmitted(job: job, assignment: 0, provider: fixture.providers[0], checkpointRoot: root, resultHash: result)])
        let assignment = try #require(fixture.assignment(job))
        #expect(assignment.status == .awaitingCommittee)
        #expect(assignment.proof == ProofCommitment(checkpointRoot: root, resultHash: result, segmentCount: 8, submittedAt: height))
        #expect(assignment.votingDeadline == height + 1 + 50)
        #expect(assignment.committee.isEmpty)
    }

    @Test("anyone but the assigned provider fails with 508 unauthorized")
    func proofFromOthers() throws {
        var fixture = try MarketFixture()
        let job = fixture.matchedJob()
        fixture.registerProvider(1)
        for sender in [fixture.providers[1], fixture.clients[0], fixture.validators[0], fixture.outsider] {
            #expect(fixture.failure(sender, proofBody(job)) == .unauthorized)
        }
        #expect(fixture.assignment(job)?.proof == nil)
    }

    @Test("a wrong segment count or a zero hash fails with 504 invalid-proof", arguments: [
        (root, result, UInt32(7)),
        (root, result, UInt32(9)),
        (root, result, UInt32(0)),
        (Hash256.zero, result, UInt32(8)),
        (root, Hash256.zero, UInt32(8)),
    ])
    func malformedProof(checkpointRoot: Hash256, resultHash: Hash256, segments: UInt32) throws {
        var fixture = try MarketFixture()
        let job = fixture.matchedJob()
        #expect(fixture.failure(fixture.providers[0], proofBody(job, root: checkpointRoot, result: resultHash, segments: segments)) == .invalidProof)
        #expect(fixture.assignment(job)?.status == .assigned)
        #expect(fixture.assignment(job)?.proof == nil)
    }

    @Test("a second proof fails with 537 proof-exists, before and after the committee draw")
    func secondProof() throws {
        var fixture = try MarketFixture()
        let job = fixture.matchedJob()
        fixture.succeed(fixture.providers[0], proofBody(job))
        let first = fixture.assignment(job)?.proof
        #expect(fixture.failure(fixture.providers[0], proofBody(job, root: Hash256.tagged("other", []))) == .proofExists)
        #expect(fixture.assignment(job)?.status == .voting)
        #expect(fixture.failure(fixture.providers[0], proofBody(job)) == .proofExists)
        #expect(fixture.assignment(job)?.proof == first)
    }

    @Test("a proof at or after the proof deadline fails with 513 deadline-passed")
    func proofAfterDeadline() throws {
        var fixture = try MarketFixture()
        let job = fixture.matchedJob()
        let deadline = try #require(fixture.assignment(job)?.proofDeadline)
        #expect(deadline == fixture.state.height + 200)
        fixture.chain.advance(blocks: Int(deadline - fixture.state.height) - 2)
        var lastChance = fixture
        lastChance.succeed(lastChance.providers[0], proofBody(job)) // deadline - 1
        #expect(lastChance.assignment(job)?.status == .awaitingCommittee)
        fixture.chain.advance(blocks: 1)
        #expect(fixture.failure(fixture.providers[0], proofBody(job)) == .deadlinePassed) // at the deadline
        #expect(fixture.state.height == deadline)
        #expect(fixture.assignment(job)?.status == .missedDeadline)
    }

    @Test("a bad assignment index fails with 525 assignment-not-found, an unknown job with 502")
    func badIndex() throws {
        var fixture = try MarketFixture()
        let job = fixture.matchedJob()
        #expect(fixture.failure(fixture.providers[0], proofBody(job, 1)) == .assignmentNotFound)
        #expect(fixture.failure(fixture.providers[0], proofBody(job, .max)) == .assignmentNotFound)
        #expect(fixture.failure(fixture.providers[0], proofBody(JobID(42))) == .jobNotFound)
    }
}

@Suite("committee draw")
struct CommitteeTests {
    @Test("the committee is drawn at the block after the proof, with committeeSize distinct members")
    func drawnNextBlock() throws {
        var fixture = try MarketFixture()
        let job = fixture.matchedJob()
        fixture.succeed(fixture.providers[0], proofBody(job))
        #expect(fixture.assignment(job)?.committee.isEmpty == true)
        let block = fixture.chain.produceBlock([])
        let assignment = try #require(fixture.assignment(job))
        let members = assignment.committee.map(\.validator)
        #expect(assignment.status == .voting)
        #expect(members.count == Int(fixture.parameters.committeeSize))
        #expect(Set(members).count == members.count)
        #expect(Set(members).isSubset(of: Set(fixture.validators)))
        #expect(block.boundaryEvents == [.committeeDrawn(job: job, assignment: 0, round: 0, members: members)])
    }

    @Test("the committee and its segments equal Challenge recomputed from public data")
    func committeeIsRecomputable() throws {
        var fixture = try MarketFixture()
        let job = fixture.matchedJob()
        fixture.succeed(fixture.providers[0], proofBody(job))
        let proofBlockHash = fixture.chain.lastHash
        let candidates = fixture.state.activeValidatorAddresses.filter { $0 != fixture.clients[0] && $0 != fixture.providers[0] }
        fixture.chain.advance(blocks: 1)
        let assignment = try #require(fixture.assignment(job))
        let seed = Challenge.seed(blockHash: proofBlockHash, job: job, assignment: 0, round: 0)
        #expect(assignment.challengeSeed == seed)
        let expected = Challenge.committee(candidates: candidates, size: Int(fixture.parameters.committeeSize), seed: seed)
        #expect(assignment.committee.map(\.validator) == expected)
        for member in assignment.committee {
            #expect(member.segments == Challenge.segments(
                seed: seed, validator: member.validator, perValidator: Int(fixture.parameters.segmentsPerValidator), segmentCount: 8))
        }
    }

    @Test("each member gets segmentsPerValidator distinct ascending segments below the segment count",
          arguments: [UInt32(1), 2, 3, 8, 100, 4_096])
    func segmentsPerMember(segmentCount: UInt32) throws {
        var fixture = try MarketFixture()
        let job = fixture.matchedJob(MarketFixture.jobSpec(segments: segmentCount))
        fixture.succeed(fixture.providers[0], proofBody(job, segments: segmentCount))
        fixture.chain.advance(blocks: 1)
        let committee = try #require(fixture.assignment(job)?.committee)
        #expect(committee.count == 5)
        for member in committee {
            if segmentCount <= 2 {
                #expect(member.segments == Array(0..<segmentCount))
            } else {
                #expect(member.segments.count == 2)
                #expect(member.segments == member.segments.sorted())
                #expect(Set(member.segments).count == 2)
                #expect(member.segments.allSatisfy { $0 < segmentCount })
            }
        }
    }

    @Test("a client and a provider who are also validators are never drawn for their own job")
    func partiesExcludedWhenOnlyCandidates() throws {
        var fixture = try MarketFixture(genesisValidators: 3)
        fixture.succeed(fixture.clients[0], .registerValidator(stake: .tokens(100)))
        fixture.succeed(fixture.providers[0], .registerValidator(stake: .tokens(100)))
        #expect(fixture.state.activeValidatorAddresses.count == 5)
        let job = fixture.jobAwaitingVotes()
        #expect(Set(fixture.committee(job)) == Set(fixture.validators.prefix(3)))
    }

    @Test("over many draws the job's client and provider never sit on its committee")
    func partiesExcludedOverManyDraws() throws {
        var fixture = try MarketFixture()
        fixture.succeed(fixture.clients[0], .registerValidator(stake: .tokens(100)))
        fixture.succeed(fixture.providers[0], .registerValidator(stake: .tokens(100)))
        fixture.registerProvider(0)
        var jobs: [JobID] = []
        for _ in 0..<6 {
            let job = fixture.postJob()
            fixture.succeed(fixture.outsider, .matchJob(job))
            jobs.append(job)
        }
        for job in jobs { fixture.succeed(fixture.providers[0], proofBody(job)) }
        fixture.chain.advance(blocks: 1)
        for job in jobs {
            let members = fixture.committee(job)
            #expect(members.count == 5)
            #expect(!members.contains(fixture.clients[0]))
            #expect(!members.contains(fixture.providers[0]))
        }
    }

    @Test("with fewer eligible validators than the threshold the draw waits, and happens once there are enough")
    func drawWaitsForValidators() throws {
        var fixture = try MarketFixture(genesisValidators: 2)
        let job = fixture.matchedJob()
        fixture.succeed(fixture.providers[0], proofBody(job))
        fixture.chain.advance(blocks: 3)
        #expect(fixture.assignment(job)?.status == .awaitingCommittee)
        #expect(fixture.failure(fixture.validators[0], fixture.voteBody(job, segments: [0, 1], approve: true)) == .committeePending)
        fixture.succeed(fixture.outsider, .registerValidator(stake: .tokens(100)))
        fixture.chain.advance(blocks: 1)
        #expect(fixture.assignment(job)?.status == .voting)
        #expect(Set(fixture.committee(job)) == Set([fixture.validators[0], fixture.validators[1], fixture.outsider]))
    }
}

@Suite("verify-proof")
struct VerifyProofTests {
    @Test("the job's client or provider voting fails with 511 self-validation")
    func selfValidation() throws {
        var fixture = try MarketFixture()
        let job = fixture.jobAwaitingVotes()
        let segments = try #require(fixture.assignment(job)?.committee.first?.segments)
        #expect(fixture.failure(fixture.clients[0], fixture.voteBody(job, segments: segments, approve: true)) == .selfValidation)
        #expect(fixture.failure(fixture.providers[0], fixture.voteBody(job, segments: segments, approve: true)) == .selfValidation)
        #expect(fixture.assignment(job)?.votes.isEmpty == true)
    }

    @Test("a vote in the proof's own block, before the draw, fails with 532 committee-pending")
    func voteBeforeDraw() throws {
        var fixture = try MarketFixture()
        let job = fixture.matchedJob()
        let block = fixture.chain.produceBlock([
            (fixture.providers[0], proofBody(job)),
            (fixture.validators[0], fixture.voteBody(job, segments: [0, 1], approve: true)),
        ])
        #expect(block.outcomes.map(\.error) == [nil, .committeePending])
    }

    @Test("a vote on an assignment without a proof fails with 527 validation-closed")
    func voteWithoutProof() throws {
        var fixture = try MarketFixture()
        let job = fixture.matchedJob()
        #expect(fixture.failure(fixture.validators[0], fixture.voteBody(job, segments: [0, 1], approve: true)) == .validationClosed)
    }

    @Test("a validator not drawn for the committee fails with 512 not-on-committee")
    func notOnCommittee() throws {
        var fixture = try MarketFixture()
        let job = fixture.jobAwaitingVotes()
        let members = Set(fixture.committee(job))
        let others = fixture.validators.filter { !members.contains($0) }
        #expect(others.count == 2)
        for sender in others + [fixture.outsider] {
            #expect(fixture.failure(sender, fixture.voteBody(job, segments: [0, 1], approve: true)) == .notOnCommittee)
        }
    }

    @Test("a second vote from the same member fails with 510 duplicate-vote")
    func duplicateVote() throws {
        var fixture = try MarketFixture()
        let job = fixture.jobAwaitingVotes()
        let (member, body) = try #require(fixture.vote(job, member: 0, approve: true))
        fixture.succeed(member, body)
        #expect(fixture.failure(member, body) == .duplicateVote)
        let (_, opposite) = try #require(fixture.vote(job, member: 0, approve: false))
        #expect(fixture.failure(member, opposite) == .duplicateVote)
        #expect(fixture.assignment(job)?.votes.count == 1)
    }

    @Test("evidence that does not cover exactly the member's segments fails with 528 invalid-evidence")
    func invalidEvidence() throws {
        var fixture = try MarketFixture(parameters: {
            var parameters = MarketParameters()
            parameters.segmentsPerValidator = 3
            return parameters
        }())
        let job = fixture.jobAwaitingVotes(job: MarketFixture.jobSpec(segments: 64))
        let member = try #require(fixture.assignment(job)?.committee.first)
        let segments = member.segments
        #expect(segments.count == 3)
        let wrong = segments.map { ($0 + 1) % 64 }
        let outside = segments.dropLast() + [64]
        let cases: [[UInt32]] = [
            [], Array(segments.prefix(2)), segments + [segments[0]], Array(segments.reversed()), wrong, Array(outside),
            [segments[0], segments[0], segments[1]],
        ]
        for evidence in cases {
            #expect(fixture.failure(member.validator, fixture.voteBody(job, segments: evidence, approve: true)) == .invalidEvidence)
        }
        #expect(fixture.assignment(job)?.votes.isEmpty == true)
        fixture.succeed(member.validator, fixture.voteBody(job, segments: segments, approve: true))
        #expect(fixture.assignment(job)?.votes.map(\.validator) == [member.validator])
    }

    @Test("while sampling, approvals verify only once every member has voted: four do not, the fifth does")
    func samplingWaitsForEveryMember() throws {
        var fixture = try MarketFixture()
        let job = fixture.jobAwaitingVotes()
        let outcomes = fixture.castVotes(job, [true, true, true, true])
        #expect(outcomes.allSatisfy { $0 != nil && $0?.error == nil })
        #expect(fixture.assignment(job)?.status == .voting)
        #expect(fixture.assignment(job)?.phase == .sampling)
        #expect(fixture.assignment(job)?.votes.count == 4)
        #expect(fixture.state.jobs[job]?.status == .active)
        let (member, body) = try #require(fixture.vote(job, member: 4, approve: true))
        let events = fixture.succeed(member, body)
        #expect(fixture.assignment(job)?.status == .verified)
        #expect(events.contains(.assignmentVerified(
            job: job, assignment: 0, provider: fixture.providers[0], cost: .tokens(9), fee: Amount(microUnits: 225_000),
            payout: Amount(microUnits: 8_775_000))))
        #expect(fixture.state.jobs[job]?.status == .completed)
    }

    @Test("at the sampling deadline, verificationThreshold approvals and no rejection verify; silent members are penalized")
    func samplingDeadlineWithThreshold() throws {
        var fixture = try MarketFixture()
        let job = fixture.jobAwaitingVotes()
        let committee = fixture.committee(job)
        fixture.castVotes(job, [true, true, true])
        let deadline = try #require(fixture.assignment(job)?.votingDeadline)
        fixture.chain.advance(blocks: Int(deadline - fixture.state.height) - 1)
        #expect(fixture.assignment(job)?.status == .voting)
        let block = fixture.chain.produceBlock([])
        #expect(fixture.assignment(job)?.status == .verified)
        #expect(block.boundaryEvents.contains(.assignmentVerified(
            job: job, assignment: 0, provider: fixture.providers[0], cost: .tokens(9), fee: Amount(microUnits: 225_000),
            payout: Amount(microUnits: 8_775_000))))
        for silent in committee.suffix(2) {
            #expect(block.boundaryEvents.contains(.validatorPenalized(validator: silent, amount: .zero, reason: .missedVote)))
            #expect(fixture.state.validators[silent]?.reputation == 48)
        }
        for voter in committee.prefix(3) {
            #expect(fixture.state.validators[voter]?.reputation == 51)
        }
    }

    @Test("a rejected sample opens a dispute in which every member must re-execute the rejected segments")
    func rejectionOpensDispute() throws {
        var fixture = try MarketFixture()
        let job = fixture.jobAwaitingVotes()
        let committee = try #require(fixture.assignment(job)?.committee)
        let outcomes = fixture.castVotes(job, [true, false, true, true, true])
        let height = fixture.state.height
        let rejected = committee[1].segments
        #expect(outcomes.last??.events.contains(.disputeOpened(job: job, assignment: 0, segments: rejected)) == true)
        let assignment = try #require(fixture.assignment(job))
        #expect(assignment.status == .voting)
        #expect(assignment.phase == .dispute)
        #expect(assignment.disputedSegments == rejected)
        #expect(assignment.initialRejecters == [committee[1].validator])
        #expect(assignment.votes.isEmpty)
        #expect(assignment.votingDeadline == height + 1 + fixture.parameters.validationDeadlineBlocks)
        for member in committee {
            #expect(assignment.requiredSegments(for: member.validator) == rejected)
        }
        #expect(assignment.requiredSegments(for: fixture.outsider) == nil)
        if committee[0].segments != rejected {
            #expect(fixture.failure(committee[0].validator, fixture.voteBody(job, segments: committee[0].segments, approve: true)) == .invalidEvidence)
        }
        fixture.succeed(committee[0].validator, fixture.voteBody(job, segments: rejected, approve: true))
        #expect(fixture.assignment(job)?.votes.count == 1)
    }

    @Test("in a dispute two matching votes decide nothing; the third approval verifies and the initial rejecter is penalized")
    func disputeApproval() throws {
        var fixture = try MarketFixture()
        let job = fixture.jobAwaitingVotes()
        let committee = try #require(fixture.assignment(job)?.committee.map(\.validator))
        fixture.castVotes(job, [true, false, true, true, true])
        for position in [0, 2] {
            let (member, body) = try #require(fixture.vote(job, member: position, approve: true))
            fixture.succeed(member, body)
        }
        #expect(fixture.assignment(job)?.status == .voting)
        let (member, body) = try #require(fixture.vote(job, member: 3, approve: true))
        let events = fixture.succeed(member, body)
        #expect(fixture.assignment(job)?.status == .verified)
        #expect(events.contains(.validatorPenalized(validator: committee[1], amount: .tokens(2), reason: .voteAgainstOutcome)))
        #expect(fixture.state.validators[committee[1]]?.reputation == 45)
        #expect(fixture.state.validators[committee[1]]?.stake.microUnits == 198_000_000)
        #expect(fixture.state.validators[committee[4]]?.penalties == .zero)
        #expect(fixture.state.jobs[job]?.status == .completed)
    }

    @Test("a vote after the decision fails with 527 validation-closed")
    func voteAfterDecision() throws {
        var fixture = try MarketFixture()
        let job = fixture.jobAwaitingVotes()
        fixture.castVotes(job, [true, false, true, true, true])
        fixture.castVotes(job, [true, true, true])
        #expect(fixture.assignment(job)?.status == .verified)
        let (member, body) = try #require(fixture.vote(job, member: 3, approve: false))
        #expect(fixture.failure(member, body) == .validationClosed)
        #expect(fixture.assignment(job)?.votes.count == 3)
    }

    @Test("a member of an expired round can no longer vote: the deadline re-drew the committee (512)")
    func voteAfterDeadline() throws {
        var fixture = try MarketFixture()
        let job = fixture.jobAwaitingVotes()
        let deadline = try #require(fixture.assignment(job)?.votingDeadline)
        fixture.castVotes(job, [true, true])
        let late = try #require(fixture.assignment(job)?.committee[2])
        fixture.chain.advance(blocks: Int(deadline - fixture.state.height))
        #expect(fixture.state.height == deadline)
        #expect(fixture.assignment(job)?.round == 1)
        let redrawn = try #require(fixture.assignment(job)?.committee.map(\.validator))
        #expect(!redrawn.contains(late.validator))
        #expect(fixture.failure(late.validator, fixture.voteBody(job, segments: late.segments, approve: true)) == .notOnCommittee)
    }

    @Test("an unknown job fails with 502, a bad assignment index with 525")
    func unknownTargets() throws {
        var fixture = try MarketFixture()
        let job = fixture.jobAwaitingVotes()
        #expect(fixture.failure(fixture.validators[0], fixture.voteBody(JobID(99), segments: [0], approve: true)) == .jobNotFound)
        #expect(fixture.failure(fixture.validators[0], fixture.voteBody(job, 3, segments: [0], approve: true)) == .assignmentNotFound)
    }

    @Test("three dispute rejections slash, jail and exclude the provider; the job is rematched and completed by another")
    func rejectionAndRematch() throws {
        var fixture = try MarketFixture()
        fixture.registerProvider(1, MarketFixture.spec(rate: .tokens(1)))
        let job = fixture.jobAwaitingVotes()
        let bad = fixture.providers[0]
        let good = fixture.providers[1]
        #expect(fixture.assignment(job)?.provider == bad)
        fixture.castVotes(job, [false, true, true, true, true])
        #expect(fixture.assignment(job)?.phase == .dispute)
        let outcomes = fixture.castVotes(job, [false, false])
        #expect(outcomes.allSatisfy { $0?.error == nil })
        #expect(fixture.assignment(job)?.status == .voting)
        let (member, body) = try #require(fixture.vote(job, member: 2, approve: false))
        let events = fixture.succeed(member, body)
        let height = fixture.state.height
        #expect(events.contains(.assignmentRejected(job: job, assignment: 0, provider: bad)))
        #expect(events.contains(.providerSlashed(provider: bad, amount: .tokens(40), reason: .invalidProof)))
        #expect(fixture.assignment(job)?.status == .rejected)
        let provider = try #require(fixture.state.providers[bad])
        #expect(provider.stake.microUnits == 40_000_000)
        #expect(provider.slashed.microUnits == 40_000_000)
        #expect(provider.jailedUntil == height + 100)
        #expect(provider.reputation == 30)
        #expect(provider.busyGPUs == 0)
        #expect(provider.activeAssignments == 0)
        #expect(provider.failedAssignments == 1)
        var record = try #require(fixture.state.jobs[job])
        #expect(record.status == .pending)
        #expect(record.unassignedGPUHours == 10)
        #expect(record.reserved == .zero)
        #expect(record.escrow.microUnits == 100_000_000)
        #expect(record.excluded == [bad])
        expectMoneyConserved(fixture.state)

        fixture.succeed(fixture.outsider, .matchJob(job))
        #expect(fixture.assignment(job, 1)?.provider == good)
        #expect(fixture.submitProof(job, 1)?.error == nil)
        fixture.chain.advance(blocks: 1)
        let committee = fixture.committee(job, 1)
        #expect(!committee.contains(good) && !committee.contains(fixture.clients[0]))
        fixture.castVotes(job, Array(repeating: true, count: committee.count), assignment: 1)
        record = try #require(fixture.state.jobs[job])
        #expect(record.status == .completed)
        #expect(record.paid.microUnits == 10_000_000)
        #expect(record.refunded.microUnits == 90_000_000)
        #expect(fixture.balance(fixture.clients[0]).microUnits == MarketFixture.clientFunds.microUnits - 10_000_000 - txFee)
        #expect(fixture.failure(bad, .claimReward(job)) == .notVerified)
        fixture.succeed(good, .claimReward(job))
        expectMoneyConserved(fixture.state)
    }
}

@Suite("claim-reward")
struct ClaimRewardTests {
    @Test("claiming before verification fails with 526 not-verified")
    func claimBeforeVerification() throws {
        var fixture = try MarketFixture()
        let job = fixture.matchedJob()
        #expect(fixture.failure(fixture.providers[0], .claimReward(job)) == .notVerified)
        fixture.succeed(fixture.providers[0], proofBody(job))
        #expect(fixture.failure(fixture.providers[0], .claimReward(job)) == .notVerified)
        fixture.castVotes(job, [true, true])
        #expect(fixture.failure(fixture.providers[0], .claimReward(job)) == .notVerified)
    }

    @Test("pays exactly cost - floor(cost x 250 / 10000) once; a second claim fails with 503 already-claimed")
    func claimPaysOnce() throws {
        var fixture = try MarketFixture()
        let provider = fixture.providers[0]
        let job = fixture.jobAwaitingVotes()
        fixture.castVotes(job, [true, true, true, true, true])
        #expect(fixture.state.globals.claimableTotal.microUnits == 8_775_000)
        let before = fixture.balance(provider).microUnits
        let events = fixture.succeed(provider, .claimReward(job))
        #expect(events == [.rewardClaimed(job: job, provider: provider, amount: Amount(microUnits: 9_000_000 - 225_000))])
        #expect(fixture.balance(provider).microUnits == before + 8_775_000 - txFee)
        #expect(fixture.assignment(job)?.claimed == true)
        #expect(fixture.state.globals.claimableTotal == .zero)
        #expect(fixture.failure(provider, .claimReward(job)) == .alreadyClaimed)
        #expect(fixture.balance(provider).microUnits == before + 8_775_000 - 2 * txFee)
        expectMoneyConserved(fixture.state)
    }

    @Test("anyone who holds no assignment on the job fails with 525 assignment-not-found")
    func claimByNonParticipant() throws {
        var fixture = try MarketFixture()
        fixture.registerProvider(1, MarketFixture.spec(rate: .tokens(1)))
        let job = fixture.jobAwaitingVotes()
        fixture.castVotes(job, [true, true, true, true, true])
        let committee = fixture.committee(job)
        for sender in [fixture.providers[1], fixture.clients[0], fixture.outsider] + committee.prefix(1) {
            #expect(fixture.failure(sender, .claimReward(job)) == .assignmentNotFound)
        }
        #expect(fixture.state.globals.claimableTotal.microUnits == 8_775_000)
    }
}
