import Foundation
import MarketAPI
import MarketAgents
import MarketCore
import MarketDemo

/// The demo's live output: a readable log of market events and progress bars for training and
/// verification. Silent with `--quiet`/`--json`, except what `--keep-running` must say.
final class DemoConsole: DemoReporter, @unchecked Sendable {
    private let quiet: Bool
    private let lock = NSLock()

    init(quiet: Bool) {
        self.quiet = quiet
    }

    func line(_ text: String) {
        guard !quiet else { return }
        always(text)
    }

    func always(_ text: String) {
        lock.withLock {
            FileHandle.standardOutput.write(Data((text + "\n").utf8))
        }
    }

    func demoStarted(nodeURL: String, settings: DemoSettings) {
        line("depin demo: node on \(nodeURL), data in \(settings.directory.path)")
        line("market: \(settings.providers) providers (\(settings.cheaters) cheating), \(settings.validators) validators, "
             + "\(settings.jobs) jobs, seed \(settings.seed)")
    }

    func demoEvent(_ committed: CommittedEventView, names: [Address: String]) {
        if let text = Self.describe(committed.event, names: names) { line("  #\(committed.height) \(text)") }
    }

    func demoModelEvaluated(client: String, job: JobID, accuracyBps: Int) {
        line("\(client) downloaded job \(job)'s model (hash verified): held-out accuracy \(Double(accuracyBps) / 100)%")
    }

    func demoAgentFailed(_ name: String, error: any Error) {
        line("[\(name)] could not start: \(error)")
    }

    func demoKeepsRunning(summary: DemoSummary, nodeURL: String) {
        always(summary.rendered())
        always("\nThe node keeps running at \(nodeURL), and so do the agents: providers heartbeat and train the jobs matched to them, "
               + "validators vote on new proofs. Try:\n"
               + "  depin stats --node \(nodeURL)\n  depin job list --node \(nodeURL)\n"
               + "  open \(nodeURL)/ in a browser for the dashboard\nPress Ctrl-C to stop.")
    }

    func agent(_ name: String, log message: String) {
        if message.hasPrefix("retrying") { FileHandle.standardError.write(Data("[\(name)] \(message)\n".utf8)); return }
        line("  [\(name)] \(message)")
    }

    func agent(_ name: String, progress: AgentProgress) {
        // Bars at a quarter steps keep the log readable with several agents at work.
        let quarter = max(1, progress.total / 4)
        guard progress.completed == progress.total || progress.completed % quarter == 0 else { return }
        let verb = progress.kind == .training ? "training" : "verifying"
        line("  [\(name)] \(verb) job \(progress.job) \(DemoConsole.bar(progress.completed, progress.total))")
    }

    static func describe(_ event: EventView, names: [Address: String]) -> String? {
        func name(_ address: Address?) -> String {
            guard let address else { return "?" }
            return names[address] ?? address.short
        }
        let job = event.job.map { "job \($0)" } ?? "job ?"
        let amount = event.amount?.description ?? "?"
        switch event.kind {
        case .jobPosted:
            return "\(name(event.client)) posted \(job): \(event.gpuHours ?? 0) GPU-hours, \(event.tier?.description ?? "?") tier, budget \(event.budget?.description ?? "?") escrowed"
        case .jobMatched:
            return "\(job) matched to \(name(event.provider)) at \(event.rate?.description ?? "?")/GPU-hour (cost \(event.cost?.description ?? "?"))"
        case .proofSubmitted:
            return "\(name(event.provider)) submitted the proof for \(job): root \(event.checkpointRoot.map { String($0.hex.prefix(12)) } ?? "?")…"
        case .committeeDrawn:
            return "committee for \(job) (round \(event.round ?? 0)): \((event.members ?? []).map(name).joined(separator: ", "))"
        case .disputeOpened:
            return "⚠ dispute on \(job): the whole committee re-executes segments \((event.segments ?? []).map(String.init).joined(separator: ", "))"
        case .assignmentVerified:
            return "✔ \(job) verified: \(name(event.provider)) earns \(event.payout?.description ?? "?"), platform fee \(event.fee?.description ?? "?")"
        case .assignmentRejected:
            return "✘ \(job) rejected: \(name(event.provider))'s checkpoints do not replay; the job goes back to matching without it"
        case .assignmentMissedDeadline:
            return "✘ \(name(event.provider)) missed the proof deadline of \(job)"
        case .providerSlashed:
            return "\(name(event.provider)) slashed \(amount) (\(event.reason ?? "?"))"
        case .validatorPenalized:
            return "\(name(event.validator)) penalized \(amount) (\(event.reason ?? "?"))"
        case .rewardClaimed:
            return "\(name(event.provider)) claimed \(amount) for \(job)"
        case .jobSettled:
            return "\(job) \(event.status?.rawValue ?? "settled"): client refunded \(event.refund?.description ?? "?")"
        case .providerRegistered:
            return "\(name(event.provider)) registered \(event.gpus ?? 0)x \(event.tier?.description ?? "?") GPUs at \(event.rate?.description ?? "?")/GPU-hour, stake \(event.stake?.description ?? "?")"
        case .validatorRegistered:
            return "\(name(event.validator)) staked \(event.stake?.description ?? "?") as a validator"
        default:
            return nil
        }
    }

    /// A one-line bar like `[#####.....] 5/10`.
    static func bar(_ done: Int, _ total: Int, width: Int = 20) -> String {
        let filled = total == 0 ? width : min(width, done * width / total)
        return "[" + String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled) + "] \(done)/\(total)"
    }
}
