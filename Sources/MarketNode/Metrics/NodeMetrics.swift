import CoreMetrics
import MarketCore
import MarketLedger
import Metrics
import Prometheus

/// The node's metrics, kept in its own Prometheus registry and created through swift-metrics with
/// an explicit factory, so several nodes (tests) never share or fight over the process-global
/// `MetricsSystem`. `depin node start` bootstraps `MetricsSystem` with `factory` once, so library
/// metrics land in the same registry.
public final class NodeMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    public let factory: PrometheusMetricsFactory

    private let blocksCommitted: CoreMetrics.Counter
    private let transactionsSucceeded: CoreMetrics.Counter
    private let transactionsFailed: CoreMetrics.Counter
    private let transactionsDropped: CoreMetrics.Counter
    private let mempoolDepth: CoreMetrics.Gauge
    private let chainHeight: CoreMetrics.Gauge
    private let jobsByStatus: [JobStatus: CoreMetrics.Gauge]
    private let requestTimers: LockedBox<[String: CoreMetrics.Timer]>

    public static let requestDurationBuckets: [Duration] = [
        .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
        .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5), .seconds(10),
    ]

    public init() {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = Self.requestDurationBuckets
        self.registry = registry
        self.factory = factory
        blocksCommitted = CoreMetrics.Counter(label: "depin_blocks_committed_total", factory: factory)
        transactionsSucceeded = CoreMetrics.Counter(label: "depin_transactions_total", dimensions: [("result", "success")], factory: factory)
        transactionsFailed = CoreMetrics.Counter(label: "depin_transactions_total", dimensions: [("result", "failed")], factory: factory)
        transactionsDropped = CoreMetrics.Counter(label: "depin_transactions_total", dimensions: [("result", "dropped")], factory: factory)
        mempoolDepth = CoreMetrics.Gauge(label: "depin_mempool_depth", factory: factory)
        chainHeight = CoreMetrics.Gauge(label: "depin_chain_height", factory: factory)
        var jobs: [JobStatus: CoreMetrics.Gauge] = [:]
        for status in JobStatus.allCases {
            jobs[status] = CoreMetrics.Gauge(label: "depin_jobs", dimensions: [("status", status.description)], factory: factory)
        }
        jobsByStatus = jobs
        requestTimers = LockedBox([:])
    }

    /// Counts a committed block's transactions by result.
    public func recordBlock(_ block: Block) {
        blocksCommitted.increment()
        let failed = block.outcomes.count(where: { $0.error != nil })
        if block.outcomes.count > failed { transactionsSucceeded.increment(by: block.outcomes.count - failed) }
        if failed > 0 { transactionsFailed.increment(by: failed) }
        chainHeight.record(Double(block.height))
    }

    /// Counts transactions left out of blocks.
    public func recordDropped(_ count: Int) {
        if count > 0 { transactionsDropped.increment(by: count) }
    }

    /// Refreshes the gauges that mirror the state.
    public func observe(state: MarketState, mempool: Int) {
        mempoolDepth.record(Double(mempool))
        chainHeight.record(Double(state.height))
        for status in JobStatus.allCases {
            jobsByStatus[status]?.record(Double(state.globals.jobsByStatus[Int(status.rawValue)]))
        }
    }

    /// Records one request's latency under its route pattern (not its concrete path, which would
    /// let strangers create unbounded series).
    public func recordRequest(route: String, method: String, status: Int, duration: Duration) {
        let key = "\(method) \(route) \(status)"
        let timer = requestTimers.withLock { timers in
            if let timer = timers[key] { return timer }
            let timer = CoreMetrics.Timer(
                label: "depin_http_request_duration_seconds",
                dimensions: [("route", route), ("method", method), ("status", String(status))], factory: factory)
            timers[key] = timer
            return timer
        }
        timer.record(duration: duration)
    }

    /// The Prometheus text exposition of every metric.
    public func exposition() -> [UInt8] {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return buffer
    }
}
