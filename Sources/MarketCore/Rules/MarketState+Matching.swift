extension MarketState {
    /// Why `provider` may not take `gpuHours` of `job` now, or nil when it may. The checks follow
    /// DESIGN section 4 and each failure has its own code.
    public func eligibilityError(of provider: Provider?, for job: Job, gpuHours: UInt64) -> MarketError? {
        guard let provider, provider.status == .active else { return .invalidProvider }
        if provider.address == job.client { return .selfDealing }
        if job.assignments.contains(where: { $0.provider == provider.address }) || job.excluded.contains(provider.address) {
            return .alreadyAssigned
        }
        if provider.jailedUntil > height { return .providerJailed }
        guard provider.isLive(at: height, livenessBlocks: parameters.livenessWindowBlocks),
              provider.availabilityBasisPoints(at: height, windowBlocks: parameters.heartbeatWindowBlocks)
                >= parameters.uptimeRequirementBasisPoints
        else { return .providerOffline }
        guard provider.tier >= job.tier, provider.memoryPerGPUGB >= job.spec.memoryPerGPUGB,
              provider.freeGPUs >= job.spec.gpuCount
        else { return .insufficientCompute }
        guard provider.ratePerGPUHour <= job.spec.maxRatePerGPUHour else { return .rateTooHigh }
        guard let cost = try? provider.ratePerGPUHour.multiplied(by: gpuHours) else { return .arithmeticOverflow }
        guard cost <= job.unreserved else { return .rateTooHigh }
        guard let required = try? requiredStake(gpuCount: provider.gpuCount), provider.stake >= required else {
            return .insufficientStake
        }
        return nil
    }

    /// The provider `match-job` would choose for `job` now: lowest rate, then highest reputation,
    /// then earliest registration, among eligible providers. Uses the index, not a scan.
    public func bestProvider(for job: Job) -> Address? {
        matchIndex.best(
            minimumTier: job.tier, gpus: job.spec.gpuCount, memoryPerGPUGB: job.spec.memoryPerGPUGB,
            maxRate: job.spec.maxRatePerGPUHour
        ) { address in
            eligibilityError(of: providers[address], for: job, gpuHours: job.unassignedGPUHours) == nil
        }?.address
    }

    /// The same choice by a linear scan over every provider; the benchmark's baseline and the
    /// tests' oracle for the index.
    public func bestProviderByScan(for job: Job) -> Address? {
        var best: Provider?
        for provider in providers.values
        where eligibilityError(of: provider, for: job, gpuHours: job.unassignedGPUHours) == nil {
            if let current = best, !(MatchKey(provider) < MatchKey(current)) { continue }
            best = provider
        }
        return best?.address
    }

    func checkCanAddAssignment(_ job: Job) throws(MarketError) {
        guard job.status == .pending, job.unassignedGPUHours > 0 else { throw .jobActive }
        guard job.openAssignments + job.assignments.count(where: { $0.status == .verified }) < Int(parameters.maxProvidersPerJob),
              job.assignments.count < Int(parameters.maxAssignmentsPerJob)
        else { throw .tooManyAssignments }
    }

    mutating func matchJob(_ id: JobID) throws(MarketError) -> [MarketEvent] {
        guard let job = jobs[id] else { throw .jobNotFound }
        try checkCanAddAssignment(job)
        guard let address = bestProvider(for: job) else { throw .noEligibleProvider }
        return try assign(id, to: address, gpuHours: job.unassignedGPUHours)
    }

    mutating func acceptJob(_ id: JobID, provider address: Address, gpuHours: UInt64) throws(MarketError) -> [MarketEvent] {
        guard let job = jobs[id] else { throw .jobNotFound }
        try checkCanAddAssignment(job)
        guard gpuHours >= 1, gpuHours <= job.unassignedGPUHours else { throw .invalidAmount }
        if let error = eligibilityError(of: providers[address], for: job, gpuHours: gpuHours) { throw error }
        return try assign(id, to: address, gpuHours: gpuHours)
    }

    private mutating func assign(_ id: JobID, to address: Address, gpuHours: UInt64) throws(MarketError) -> [MarketEvent] {
        guard var job = jobs[id], var provider = providers[address] else { throw .jobNotFound }
        let cost = try provider.ratePerGPUHour.multiplied(by: gpuHours)
        let index = UInt32(job.assignments.count)
        let deadline = height + parameters.proofDeadlineBlocks
        job.assignments.append(Assignment(
            index: index, provider: address, gpuHours: gpuHours, gpus: job.spec.gpuCount,
            ratePerGPUHour: provider.ratePerGPUHour, cost: cost, assignedAt: height, proofDeadline: deadline,
            status: .assigned, proof: nil, round: 0, challengeSeed: .zero, committee: [], votingDeadline: 0,
            phase: .sampling, disputedSegments: [], initialRejecters: [], votes: [], skippedValidators: [], fee: .zero, providerPayout: .zero, claimed: false))
        job.reserved = try job.reserved.adding(cost)
        job.unassignedGPUHours -= gpuHours
        if job.unassignedGPUHours == 0 { job.status = .active }
        setJob(job)
        provider.busyGPUs += job.spec.gpuCount
        provider.activeAssignments += 1
        setProvider(address, provider)
        schedule.add(.proofDeadline(id, index), at: deadline)
        return [.jobMatched(job: id, assignment: index, provider: address, gpuHours: gpuHours,
                            rate: provider.ratePerGPUHour, cost: cost)]
    }

    /// At the proof deadline: no proof means a small slash, lost reputation and a rematch.
    mutating func expireProofDeadline(_ id: JobID, assignment index: UInt32) throws(MarketError) -> [MarketEvent] {
        guard var job = jobs[id], Int(index) < job.assignments.count else { return [] }
        let assignment = job.assignments[Int(index)]
        guard assignment.status == .assigned, assignment.proofDeadline <= height else { return [] }
        job.assignments[Int(index)].status = .missedDeadline
        reopen(&job, after: assignment)
        setJob(job)
        release(assignment, reputationDelta: Reputation.missedDeadline, completed: false)
        let slashed = try slashProvider(assignment.provider, basisPoints: parameters.missedDeadlineSlashBasisPoints)
        try updateGlobals { (g: inout Globals) throws(MarketError) in g.treasury = try g.treasury.adding(slashed) }
        return [
            .assignmentMissedDeadline(job: id, assignment: index, provider: assignment.provider),
            .providerSlashed(provider: assignment.provider, amount: slashed, reason: .missedDeadline),
        ]
    }
}
