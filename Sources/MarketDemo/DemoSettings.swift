import Foundation

/// What one demo run does: the size of the market, the seed that fixes its keys, jobs and
/// hardware, where its data goes and how long it may take.
public struct DemoSettings: Sendable {
    public var providers: Int
    public var validators: Int
    public var jobs: Int
    public var cheaters: Int
    public var seed: UInt64
    public var directory: URL
    public var timeout: Duration
    /// Leave the node serving after the summary until SIGINT or SIGTERM.
    public var keepRunning: Bool

    public init(
        providers: Int, validators: Int, jobs: Int, cheaters: Int, seed: UInt64, directory: URL, timeout: Duration,
        keepRunning: Bool
    ) {
        self.providers = providers
        self.validators = validators
        self.jobs = jobs
        self.cheaters = cheaters
        self.seed = seed
        self.directory = directory
        self.timeout = timeout
        self.keepRunning = keepRunning
    }
}
