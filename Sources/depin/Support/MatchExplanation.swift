import MarketAPI
import MarketCore

/// Why `match-job` found no provider, in the words of the check that held back the most
/// candidates: the node's eligibility report, rendered with a hint that fits the actual cause
/// (a generic "raise the maximum rate" was wrong whenever budget, stake or hardware was the cause).
enum MatchExplanation {
    static func render(_ report: EligibilityView) -> (lines: [String], hint: String?) {
        var lines = ["\(report.providersChecked) providers checked at height \(report.height), \(report.eligible) eligible:"]
        for reason in report.reasons {
            lines.append("  \(reason.count) \(reason.error.name) (\(reason.error.code)): \(reason.error.message) "
                         + "cheapest \(Format.address(reason.cheapestProvider)) at \(Format.tokens(reason.cheapestRate)) per GPU-hour")
        }
        return (lines, report.reasons.first.map { hint(for: $0) } ?? "No provider is registered yet.")
    }

    static func hint(for reason: EligibilityView.Reason) -> String {
        switch reason.error.code {
        case MarketError.rateTooHigh.code:
            "The cheapest provider held back by price asks \(Format.tokens(reason.cheapestRate)) per GPU-hour: post the job again with a --max-rate and --budget that cover it."
        case MarketError.providerOffline.code:
            "The providers that would qualify are offline; wait for them to heartbeat (`depin provider list` shows their status), then match again."
        case MarketError.insufficientCompute.code:
            "No provider offers the tier, memory and free GPUs asked for; ask for less, or match again when GPUs free up."
        case MarketError.insufficientStake.code:
            "The qualifying providers are under-staked; they can take work once they top up their stake."
        case MarketError.providerJailed.code:
            "The qualifying providers are jailed after a slash; match again when their jail ends."
        case MarketError.alreadyAssigned.code:
            "Every remaining candidate already worked on this job or was excluded from it; wait for new providers."
        default:
            "See `depin provider list` for who could take it."
        }
    }
}
