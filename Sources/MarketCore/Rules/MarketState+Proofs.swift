extension MarketState {
    mutating func submitProof(
        _ id: JobID, assignment index: UInt32, by sender: Address, commitment: ProofCommitment
    ) throws(MarketError) -> [MarketEvent] {
        guard var job = jobs[id] else { throw .jobNotFound }
        guard Int(index) < job.assignments.count else { throw .assignmentNotFound }
        var assignment = job.assignments[Int(index)]
        guard assignment.provider == sender else { throw .unauthorized }
        guard assignment.proof == nil else { throw .proofExists }
        guard assignment.status == .assigned, height < assignment.proofDeadline else { throw .deadlinePassed }
        guard commitment.segmentCount == job.spec.segmentCount,
              commitment.checkpointRoot != .zero, commitment.resultHash != .zero
        else { throw .invalidProof }
        assignment.proof = commitment
        assignment.status = .awaitingCommittee
        assignment.votingDeadline = height + 1 + parameters.validationDeadlineBlocks
        job.assignments[Int(index)] = assignment
        setJob(job)
        schedule.add(.committeeDraw(id, index), at: height + 1)
        schedule.add(.validationDeadline(id, index), at: assignment.votingDeadline)
        return [.proofSubmitted(job: id, assignment: index, provider: sender,
                                checkpointRoot: commitment.checkpointRoot, resultHash: commitment.resultHash)]
    }

    /// Draws the committee from this block's seed once a proof is waiting for one; retried each
    /// block while too few validators are eligible.
    mutating func drawCommitteeIfDue(_ id: JobID, assignment index: UInt32) throws(MarketError) -> [MarketEvent] {
        guard var job = jobs[id], Int(index) < job.assignments.count else { return [] }
        var assignment = job.assignments[Int(index)]
        guard assignment.status == .awaitingCommittee, let proof = assignment.proof, proof.submittedAt < height else {
            return []
        }
        let excluded = Set([job.client, assignment.provider] + assignment.skippedValidators)
        let candidates = activeValidators.filter { !excluded.contains($0) }
        guard candidates.count >= Int(parameters.verificationThreshold) else {
            schedule.add(.committeeDraw(id, index), at: height + 1)
            return []
        }
        let seed = Challenge.seed(blockHash: previousBlockHash, job: id, assignment: index, round: assignment.round)
        let members = Challenge.committee(candidates: candidates, size: Int(parameters.committeeSize), seed: seed)
        assignment.challengeSeed = seed
        assignment.committee = members.map { member in
            CommitteeMember(
                validator: member,
                segments: Challenge.segments(
                    seed: seed, validator: member, perValidator: Int(parameters.segmentsPerValidator),
                    segmentCount: proof.segmentCount))
        }
        assignment.votes = []
        assignment.status = .voting
        job.assignments[Int(index)] = assignment
        setJob(job)
        return [.committeeDrawn(job: id, assignment: index, round: assignment.round, members: members)]
    }

    mutating func verifyProof(
        _ id: JobID, assignment index: UInt32, by sender: Address, approve: Bool, evidence: [SegmentEvidence]
    ) throws(MarketError) -> [MarketEvent] {
        guard var job = jobs[id] else { throw .jobNotFound }
        guard Int(index) < job.assignments.count else { throw .assignmentNotFound }
        var assignment = job.assignments[Int(index)]
        guard sender != job.client, sender != assignment.provider else { throw .selfValidation }
        guard assignment.status != .awaitingCommittee else { throw .committeePending }
        // No deadline check here: the block that reaches the voting deadline concludes or re-draws
        // the committee before any transaction, so a vote can never arrive late.
        guard assignment.status == .voting else { throw .validationClosed }
        guard let required = assignment.requiredSegments(for: sender) else { throw .notOnCommittee }
        guard !assignment.votes.contains(where: { $0.validator == sender }) else { throw .duplicateVote }
        guard evidence.map(\.segment) == required else { throw .invalidEvidence }
        assignment.votes.append(Vote(validator: sender, approve: approve, evidence: evidence, castAt: height))
        job.assignments[Int(index)] = assignment
        setJob(job)
        if var validator = validators[sender] {
            validator.votesCast += 1
            setValidator(validator)
        }
        var events: [MarketEvent] = [.voteCast(job: id, assignment: index, validator: sender, approve: approve)]
        let approvals = assignment.votes.count(where: \.approve)
        let rejections = assignment.votes.count - approvals
        switch assignment.phase {
        case .sampling:
            if assignment.votes.count == assignment.committee.count {
                events += try concludeSampling(id, assignment: index)
            }
        case .dispute:
            if approvals >= Int(parameters.verificationThreshold) {
                events += try accept(id, assignment: index)
            } else if rejections >= Int(parameters.verificationThreshold) {
                events += try reject(id, assignment: index)
            }
        }
        return events
    }

    /// Ends the sampling phase (every member voted, or the deadline came): no rejection and at
    /// least `verificationThreshold` approvals verifies; any rejection opens a dispute in which
    /// every member re-executes the rejected segments; otherwise the committee is re-drawn.
    private mutating func concludeSampling(_ id: JobID, assignment index: UInt32) throws(MarketError) -> [MarketEvent] {
        guard var job = jobs[id] else { throw .jobNotFound }
        var assignment = job.assignments[Int(index)]
        let rejecting = assignment.votes.filter { !$0.approve }
        if rejecting.isEmpty {
            if assignment.votes.count >= Int(parameters.verificationThreshold) {
                return try accept(id, assignment: index)
            }
            return try redraw(id, assignment: index)
        }
        assignment.disputedSegments = Array(Set(rejecting.flatMap { $0.evidence.map(\.segment) })).sorted()
        assignment.initialRejecters = rejecting.map(\.validator).sorted()
        assignment.phase = .dispute
        assignment.votes = []
        assignment.votingDeadline = height + 1 + parameters.validationDeadlineBlocks
        job.assignments[Int(index)] = assignment
        setJob(job)
        schedule.add(.validationDeadline(id, index), at: assignment.votingDeadline)
        return [.disputeOpened(job: id, assignment: index, segments: assignment.disputedSegments)]
    }

    /// The committee approved: pay the provider (claimable), the approving validators and the
    /// treasury; penalize dissenters.
    private mutating func accept(_ id: JobID, assignment index: UInt32) throws(MarketError) -> [MarketEvent] {
        guard var job = jobs[id] else { throw .jobNotFound }
        var assignment = job.assignments[Int(index)]
        let fee = assignment.cost.share(basisPoints: parameters.platformFeeBasisPoints)
        let payout = try assignment.cost.subtracting(fee)
        assignment.status = .verified
        assignment.fee = fee
        assignment.providerPayout = payout
        job.assignments[Int(index)] = assignment
        job.escrow = try job.escrow.subtracting(assignment.cost)
        job.reserved = try job.reserved.subtracting(assignment.cost)
        job.paid = try job.paid.adding(assignment.cost)
        setJob(job)
        try updateGlobals { (g: inout Globals) throws(MarketError) in
            g.escrowTotal = try g.escrowTotal.subtracting(assignment.cost)
            g.claimableTotal = try g.claimableTotal.adding(payout)
            g.gpuHoursVerified += assignment.gpuHours
            g.feesCollected = try g.feesCollected.adding(fee)
        }
        release(assignment, reputationDelta: Reputation.verifiedWork, completed: true)
        if var provider = providers[assignment.provider] {
            provider.earned = try provider.earned.adding(payout)
            setProvider(assignment.provider, provider)
        }
        var events: [MarketEvent] = [
            .assignmentVerified(job: id, assignment: index, provider: assignment.provider,
                                cost: assignment.cost, fee: fee, payout: payout),
        ]
        let validatorPool = fee.share(basisPoints: parameters.validatorFeeShareBasisPoints)
        try updateGlobals { (g: inout Globals) throws(MarketError) in
            g.treasury = try g.treasury.adding(fee.subtracting(validatorPool))
        }
        let approvers = assignment.votes.filter(\.approve).map(\.validator)
        let dissenters = assignment.votes.filter { !$0.approve }.map(\.validator) + assignment.initialRejecters
        events += try settleVotes(winners: approvers, losers: dissenters, pool: validatorPool)
        events += try settleIfDone(id)
        return events
    }

    /// The committee rejected: slash and jail the provider, reward the rejecting validators from
    /// the slash, penalize dissenters and put the GPU-hours back up for matching without it.
    private mutating func reject(_ id: JobID, assignment index: UInt32) throws(MarketError) -> [MarketEvent] {
        guard var job = jobs[id] else { throw .jobNotFound }
        let assignment = job.assignments[Int(index)]
        job.assignments[Int(index)].status = .rejected
        reopen(&job, after: assignment)
        setJob(job)
        release(assignment, reputationDelta: Reputation.invalidProof, completed: false)
        if var provider = providers[assignment.provider] {
            provider.jailedUntil = height + parameters.jailBlocks
            setProvider(assignment.provider, provider)
        }
        let slashed = try slashProvider(assignment.provider, basisPoints: parameters.invalidProofSlashBasisPoints)
        let whistleblowers = slashed.share(basisPoints: parameters.whistleblowerShareBasisPoints)
        try updateGlobals { (g: inout Globals) throws(MarketError) in
            g.treasury = try g.treasury.adding(slashed.subtracting(whistleblowers))
        }
        var events: [MarketEvent] = [
            .assignmentRejected(job: id, assignment: index, provider: assignment.provider),
            .providerSlashed(provider: assignment.provider, amount: slashed, reason: .invalidProof),
        ]
        let rejecters = assignment.votes.filter { !$0.approve }.map(\.validator) + assignment.initialRejecters
        let approvers = assignment.votes.filter(\.approve).map(\.validator)
        events += try settleVotes(winners: rejecters, losers: approvers, pool: whistleblowers)
        return events
    }

    /// Rewards `winners` (deduplicated, in address order) from `pool` and penalizes `losers`
    /// that are not also winners.
    private mutating func settleVotes(winners: [Address], losers: [Address], pool: Amount) throws(MarketError) -> [MarketEvent] {
        let winnerSet = Set(winners)
        let orderedWinners = winnerSet.sorted()
        let orderedLosers = Set(losers).subtracting(winnerSet).sorted()
        var events = try payValidators(orderedWinners, pool: pool)
        for winner in orderedWinners { recordVoteWithOutcome(winner) }
        for loser in orderedLosers { events += try penalizeValidator(loser, reason: .voteAgainstOutcome) }
        return events
    }

    /// At the voting deadline: members who did not vote are marked and skipped. A sampling phase
    /// is concluded with the votes it has; an undecided dispute (or a committee never drawn) is
    /// re-drawn, keeping the dispute, at most `maxCommitteeRedraws` times.
    mutating func expireValidation(_ id: JobID, assignment index: UInt32) throws(MarketError) -> [MarketEvent] {
        guard var job = jobs[id], Int(index) < job.assignments.count else { return [] }
        var assignment = job.assignments[Int(index)]
        guard assignment.status == .voting || assignment.status == .awaitingCommittee,
              assignment.votingDeadline <= height
        else { return [] }
        var events: [MarketEvent] = []
        let voters = Set(assignment.votes.map(\.validator))
        for member in assignment.committee where !voters.contains(member.validator) {
            events += try penalizeValidator(member.validator, reason: .missedVote)
            if !assignment.skippedValidators.contains(member.validator) {
                assignment.skippedValidators.append(member.validator)
            }
        }
        assignment.skippedValidators.sort()
        job.assignments[Int(index)] = assignment
        setJob(job)
        if assignment.status == .voting, assignment.phase == .sampling {
            return events + (try concludeSampling(id, assignment: index))
        }
        return events + (try redraw(id, assignment: index))
    }

    /// Replaces the committee, or declares the assignment unverifiable after too many rounds.
    private mutating func redraw(_ id: JobID, assignment index: UInt32) throws(MarketError) -> [MarketEvent] {
        guard var job = jobs[id] else { throw .jobNotFound }
        var assignment = job.assignments[Int(index)]
        assignment.round += 1
        assignment.committee = []
        assignment.votes = []
        if assignment.round > parameters.maxCommitteeRedraws {
            assignment.status = .unverifiable
            job.assignments[Int(index)] = assignment
            job.reserved = job.reserved.saturatingSubtracting(assignment.cost)
            setJob(job)
            release(assignment, reputationDelta: 0, completed: false)
            var events: [MarketEvent] = [.assignmentUnverifiable(job: id, assignment: index, provider: assignment.provider)]
            events += try settleIfDone(id)
            return events
        }
        assignment.status = .awaitingCommittee
        assignment.votingDeadline = height + 1 + parameters.validationDeadlineBlocks
        job.assignments[Int(index)] = assignment
        setJob(job)
        schedule.add(.validationDeadline(id, index), at: assignment.votingDeadline)
        return try drawCommitteeIfDue(id, assignment: index)
    }

    mutating func claimReward(_ id: JobID, by sender: Address) throws(MarketError) -> [MarketEvent] {
        guard var job = jobs[id] else { throw .jobNotFound }
        guard let position = job.assignments.lastIndex(where: { $0.provider == sender }) else { throw .assignmentNotFound }
        let assignment = job.assignments[position]
        guard assignment.status == .verified else { throw .notVerified }
        guard !assignment.claimed else { throw .alreadyClaimed }
        job.assignments[position].claimed = true
        setJob(job)
        try updateGlobals { (g: inout Globals) throws(MarketError) in
            g.claimableTotal = try g.claimableTotal.subtracting(assignment.providerPayout)
        }
        try credit(sender, assignment.providerPayout)
        return [.rewardClaimed(job: id, provider: sender, amount: assignment.providerPayout)]
    }
}
