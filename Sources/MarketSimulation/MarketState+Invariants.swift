import MarketCore

extension MarketState {
    /// Every way the state could be internally inconsistent, as readable sentences; empty when
    /// all invariants hold. Recomputes everything from the records.
    public func invariantViolations() -> [String] {
        var problems: [String] = []
        let money = moneySupply()
        if !money.isConserved {
            problems.append("money not conserved: balances \(money.balances) + escrow \(money.escrow) + stakes \(money.stakes) + claimable \(money.claimable) + treasury \(money.treasury) != supply \(money.supply)")
        }
        if money.escrow != globals.escrowTotal { problems.append("escrow total \(globals.escrowTotal) != sum \(money.escrow)") }
        if money.stakes != globals.stakeTotal { problems.append("stake total \(globals.stakeTotal) != sum \(money.stakes)") }
        if money.claimable != globals.claimableTotal { problems.append("claimable total \(globals.claimableTotal) != sum \(money.claimable)") }
        for (address, account) in accounts where account.balance > globals.supply {
            problems.append("balance of \(address) exceeds supply (wrapped)")
        }
        var statusCounts = Array(repeating: UInt64(0), count: JobStatus.allCases.count)
        var busy: [Address: (gpus: UInt32, count: UInt32)] = [:]
        for (id, job) in jobs {
            statusCounts[Int(job.status.rawValue)] += 1
            if id != job.id { problems.append("job stored under \(id) has id \(job.id)") }
            if id.rawValue >= globals.nextJobID { problems.append("job id \(id) not below the counter") }
            let accounted = job.escrow.microUnits &+ job.paid.microUnits &+ job.refunded.microUnits
            if accounted != job.budget.microUnits { problems.append("job \(id): escrow + paid + refunded != budget") }
            let assignedHours = job.assignments.filter { $0.status != .rejected && $0.status != .missedDeadline }
                .reduce(UInt64(0)) { $0 + $1.gpuHours }
            // Expiry may drop unassigned hours, so the sum can fall short but must never exceed the request.
            if assignedHours + job.unassignedGPUHours > job.spec.gpuHours {
                problems.append("job \(id): assigned + unassigned GPU-hours exceed the request")
            }
            if job.status.isFinal, !job.escrow.isZero { problems.append("job \(id) ended holding escrow") }
            for assignment in job.assignments {
                let voters = assignment.votes.map(\.validator)
                if Set(voters).count != voters.count { problems.append("job \(id)/\(assignment.index): duplicate voter") }
                if assignment.committee.contains(where: { $0.validator == job.client || $0.validator == assignment.provider }) {
                    problems.append("job \(id)/\(assignment.index): client or provider on committee")
                }
                if assignment.claimed, assignment.status != .verified { problems.append("job \(id)/\(assignment.index): claimed but not verified") }
                if !assignment.status.isFinal {
                    busy[assignment.provider, default: (0, 0)].gpus += assignment.gpus
                    busy[assignment.provider, default: (0, 0)].count += 1
                }
            }
        }
        if statusCounts != globals.jobsByStatus { problems.append("job status counters \(globals.jobsByStatus) != recount \(statusCounts)") }
        for (address, provider) in providers {
            let expected = busy[address] ?? (0, 0)
            if provider.busyGPUs != expected.gpus || provider.activeAssignments != expected.count {
                problems.append("provider \(address): busy \(provider.busyGPUs)/\(provider.activeAssignments) != assignments \(expected.gpus)/\(expected.count)")
            }
            if provider.reputation > Reputation.maximum { problems.append("provider \(address): reputation above 100") }
        }
        for (address, _) in busy where providers[address] == nil {
            problems.append("open assignment for removed provider \(address)")
        }
        return problems
    }
}
