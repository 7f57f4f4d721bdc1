import MarketCore

/// Demo chain parameters: the defaults with deadlines sized for 100 ms blocks.
enum DemoChain {
    static let blockIntervalMillis = 100

    static func parameters() -> MarketParameters {
        var parameters = MarketParameters()
        parameters.heartbeatWindowBlocks = 20
        parameters.livenessWindowBlocks = 60
        parameters.proofDeadlineBlocks = 1_200
        parameters.validationDeadlineBlocks = 200
        parameters.pendingJobTimeoutBlocks = 6_000
        parameters.jailBlocks = 100_000
        parameters.unbondingBlocks = 100
        return parameters
    }
}
