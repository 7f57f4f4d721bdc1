import MarketAPI
import MarketCore

extension JobCommand {
    /// A job as `depin job show` prints it: details, the money, the assignments with their
    /// results, and each committee. `accuracyBps` is the held-out accuracy of the final model when
    /// `--evaluate` measured it.
    static func render(_ job: JobView, accuracyBps: Int? = nil) -> String {
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
        let fees = job.assignments.reduce(Amount.zero) { (try? $0.adding($1.fee)) ?? $0 }
        let payouts = job.assignments.reduce(Amount.zero) { (try? $0.adding($1.providerPayout)) ?? $0 }
        details.append("paid", "\(Format.tokens(job.paid)) (providers \(Format.tokens(payouts)), platform fee \(Format.tokens(fees)))")
        details.append("refunded", Format.tokens(job.refunded))
        if let result = job.assignments.last(where: { $0.status == .verified })?.resultHash {
            details.append("result", "\(result.hex) (the trained model; verified)")
        }
        if let accuracyBps { details.append("accuracy", "\(Format.percent(basisPoints: UInt32(max(0, accuracyBps)))) on held-out data") }
        details.append("posted", "height \(job.postedAt), expires at \(job.expiresAt)")
        details.append("workload", job.spec.workloadHash.hex)
        details.append("model", job.spec.modelHash.hex)
        details.append("dataset", "\(job.spec.datasetHash.hex) (\(job.spec.datasetSizeBytes) bytes)")
        var text = details.render()
        guard !job.assignments.isEmpty else { return text }
        var table = Table([
            .init("#", .right), .init("PROVIDER"), .init("GPU-H", .right), .init("RATE", .right), .init("COST", .right),
            .init("FEE", .right), .init("PAYOUT", .right), .init("STATUS"), .init("DEADLINE", .right), .init("VOTES", .right),
            .init("CLAIMED"), .init("RESULT"),
        ])
        for assignment in job.assignments {
            let deadline = assignment.votingDeadline ?? assignment.proofDeadline
            table.append([
                String(assignment.index), Format.address(assignment.provider), String(assignment.gpuHours),
                Format.tokens(assignment.ratePerGPUHour), Format.tokens(assignment.cost), Format.tokens(assignment.fee),
                Format.tokens(assignment.providerPayout), assignment.status.rawValue, String(deadline),
                "\(assignment.votes.count)/\(assignment.committee.count)", Format.yesNo(assignment.claimed),
                assignment.resultHash.map(Format.hash) ?? "-",
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
