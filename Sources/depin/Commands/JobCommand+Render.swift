import MarketAPI

extension JobCommand {
    /// A job as `depin job show` prints it: details, the assignments, and each committee.
    static func render(_ job: JobView) -> String {
        var details = Details()
        details.append("job", job.id.description)
        details.append("status", job.status.rawValue)
        details.append("client", job.client.description)
        details.append("hardware", "\(job.spec.gpuCount) x \(job.spec.tier) GPU, \(job.spec.memoryPerGPUGB) GB each")
        details.append("gpu-hours", "\(job.spec.gpuHours) (\(job.unassignedGPUHours) unassigned)")
        details.append("max rate", "\(Format.tokens(job.spec.maxRatePerGPUHour)) per GPU-hour")
        details.append("segments", String(job.spec.segmentCount))
        details.append("budget", Format.tokens(job.budget))
        details.append("escrow", "\(Format.tokens(job.escrow)) (reserved \(Format.tokens(job.reserved)))")
        details.append("paid", Format.tokens(job.paid))
        details.append("refunded", Format.tokens(job.refunded))
        details.append("posted", "height \(job.postedAt), expires at \(job.expiresAt)")
        details.append("workload", job.spec.workloadHash.hex)
        details.append("model", job.spec.modelHash.hex)
        details.append("dataset", "\(job.spec.datasetHash.hex) (\(job.spec.datasetSizeBytes) bytes)")
        var text = details.render()
        guard !job.assignments.isEmpty else { return text }
        var table = Table([
            .init("#", .right), .init("PROVIDER"), .init("GPU-H", .right), .init("RATE", .right), .init("COST", .right),
            .init("STATUS"), .init("DEADLINE", .right), .init("VOTES", .right), .init("CLAIMED"),
        ])
        for assignment in job.assignments {
            let deadline = assignment.votingDeadline ?? assignment.proofDeadline
            table.append([
                String(assignment.index), Format.address(assignment.provider), String(assignment.gpuHours),
                Format.tokens(assignment.ratePerGPUHour), Format.tokens(assignment.cost), assignment.status.rawValue,
                String(deadline), "\(assignment.votes.count)/\(assignment.committee.count)", Format.yesNo(assignment.claimed),
            ])
        }
        text += "\n\n" + table.render()
        for assignment in job.assignments where !assignment.committee.isEmpty {
            text += "\n\nassignment \(assignment.index) committee (round \(assignment.round)):"
            var committee = Table([.init("VALIDATOR"), .init("SEGMENTS"), .init("VOTE")])
            for member in assignment.committee {
                let vote = assignment.votes.first { $0.validator == member.validator }
                committee.append([
                    member.validator.description, member.segments.map(String.init).joined(separator: ","),
                    vote.map { $0.approve ? "approve" : "reject" } ?? "-",
                ])
            }
            text += "\n" + committee.render()
        }
        return text
    }
}
