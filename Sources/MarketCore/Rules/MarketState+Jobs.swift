extension MarketState {
    /// The reference cost of a job: GPU-hours x the tier's reference rate.
    public func referenceCost(gpuHours: UInt64, tier: GPUTier) throws(MarketError) -> Amount {
        try parameters.referenceRate(for: tier).multiplied(by: gpuHours)
    }

    mutating func postJob(client: Address, spec: JobSpec, budget: Amount) throws(MarketError) -> [MarketEvent] {
        guard let tier = GPUTier(rawValue: spec.tier), spec.memoryPerGPUGB >= parameters.minGPUMemoryGB,
              spec.memoryPerGPUGB <= 16_384
        else { throw .invalidGPU }
        guard spec.gpuCount >= 1, spec.gpuCount <= parameters.maxGPUsPerJob,
              spec.gpuHours >= 1, spec.gpuHours <= parameters.maxGPUHoursPerJob,
              spec.segmentCount >= 1, spec.segmentCount <= parameters.maxSegmentsPerJob,
              !spec.maxRatePerGPUHour.isZero, !budget.isZero
        else { throw .invalidJobSpec }
        guard budget >= (try referenceCost(gpuHours: spec.gpuHours, tier: tier)) else { throw .insufficientCompute }
        try debit(client, budget)
        let id = JobID(globals.nextJobID)
        try updateGlobals { (g: inout Globals) throws(MarketError) in
            g.nextJobID += 1
            g.escrowTotal = try g.escrowTotal.adding(budget)
        }
        let expiresAt = height + parameters.pendingJobTimeoutBlocks
        setJob(Job(
            id: id, client: client, spec: spec, tier: tier, budget: budget, escrow: budget, reserved: .zero,
            status: .pending, postedAt: height, expiresAt: expiresAt, unassignedGPUHours: spec.gpuHours,
            assignments: [], excluded: [], paid: .zero, refunded: .zero))
        schedule.add(.jobExpiry(id), at: expiresAt)
        return [.jobPosted(job: id, client: client, budget: budget, gpuHours: spec.gpuHours, tier: tier)]
    }

    mutating func cancelJob(_ id: JobID, by sender: Address) throws(MarketError) -> [MarketEvent] {
        guard var job = jobs[id] else { throw .jobNotFound }
        guard job.client == sender else { throw .unauthorized }
        guard job.status == .pending,
              !job.assignments.contains(where: { !$0.status.isFinal || $0.status == .verified })
        else { throw .jobActive }
        let refund = job.escrow
        try refundEscrow(&job, amount: refund)
        job.status = .cancelled
        job.unassignedGPUHours = 0
        setJob(job)
        return [.jobCancelled(job: id, refund: refund)]
    }

    mutating func refundEscrow(_ job: inout Job, amount: Amount) throws(MarketError) {
        job.escrow = try job.escrow.subtracting(amount)
        job.refunded = try job.refunded.adding(amount)
        try credit(job.client, amount)
        try updateGlobals { (g: inout Globals) throws(MarketError) in g.escrowTotal = try g.escrowTotal.subtracting(amount) }
    }

    /// Ends a job whose every GPU-hour is settled: refunds the unspent escrow to the client.
    mutating func settleIfDone(_ id: JobID) throws(MarketError) -> [MarketEvent] {
        guard var job = jobs[id], !job.status.isFinal, job.unassignedGPUHours == 0, job.openAssignments == 0 else {
            return []
        }
        let verifiedHours = job.assignments.filter { $0.status == .verified }.reduce(UInt64(0)) { $0 + $1.gpuHours }
        let refund = job.escrow
        try refundEscrow(&job, amount: refund)
        job.status = verifiedHours == job.spec.gpuHours ? .completed : .expired
        setJob(job)
        return [.jobSettled(job: id, status: job.status, refund: refund)]
    }

    /// A pending job's unassigned GPU-hours stop waiting: the job finishes with what was assigned.
    mutating func expirePendingJob(_ id: JobID) throws(MarketError) -> [MarketEvent] {
        guard var job = jobs[id], job.status == .pending, job.expiresAt <= height else { return [] }
        job.unassignedGPUHours = 0
        job.status = .active
        setJob(job)
        return try settleIfDone(id)
    }

    /// Puts a failed assignment's GPU-hours back up for matching, without its provider.
    mutating func reopen(_ job: inout Job, after assignment: Assignment) {
        job.reserved = job.reserved.saturatingSubtracting(assignment.cost)
        job.unassignedGPUHours += assignment.gpuHours
        if !job.excluded.contains(assignment.provider) {
            job.excluded.append(assignment.provider)
            job.excluded.sort()
        }
        job.status = .pending
        job.expiresAt = max(job.expiresAt, height + parameters.pendingJobTimeoutBlocks)
        schedule.add(.jobExpiry(job.id), at: job.expiresAt)
    }

    /// Frees the provider side of an assignment that ended.
    mutating func release(_ assignment: Assignment, reputationDelta: Int, completed: Bool) {
        guard var provider = providers[assignment.provider] else { return }
        provider.busyGPUs -= min(provider.busyGPUs, assignment.gpus)
        provider.activeAssignments -= min(provider.activeAssignments, 1)
        provider.reputation = Reputation.adjust(provider.reputation, by: reputationDelta)
        if completed {
            provider.completedAssignments += 1
        } else {
            provider.failedAssignments += 1
        }
        setProvider(assignment.provider, provider)
    }
}
