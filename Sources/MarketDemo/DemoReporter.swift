import MarketAPI
import MarketAgents
import MarketCore

/// Where a demo run reports while it runs. The module decides what happens; the reporter (the
/// CLI's console) decides how it reads.
public protocol DemoReporter: AgentObserver {
    /// The embedded node listens at `nodeURL` and the participants are about to start.
    func demoStarted(nodeURL: String, settings: DemoSettings)
    /// A committed market event; `names` gives the demo's participants by address.
    func demoEvent(_ committed: CommittedEventView, names: [Address: String])
    /// A client downloaded a completed job's model (its hash checked) and evaluated it.
    func demoModelEvaluated(client: String, job: JobID, accuracyBps: Int)
    /// An agent could not start.
    func demoAgentFailed(_ name: String, error: any Error)
    /// The run is over and, with `keepRunning`, the node keeps serving until SIGINT or SIGTERM.
    func demoKeepsRunning(summary: DemoSummary, nodeURL: String)
}
