import ServiceLifecycle

/// Feeds committed blocks into the metrics: counters per block (gaps in the subscription are
/// read back from the store, so none is missed) and the state gauges.
struct MetricsObserverService: Service {
    let node: Node

    func run() async throws {
        let blocks = await node.ledger.subscribe()
        var next = await node.ledger.tip.height + 1
        for await committed in blocks.cancelOnGracefulShutdown() {
            let height = committed.block.height
            guard height >= next else { continue }
            while next < height {
                // A read failure only costs a metric; it must not stop the node.
                if let missed = try? node.chain.block(at: next) { node.metrics.recordBlock(missed) }
                next += 1
            }
            node.metrics.recordBlock(committed.block)
            if !committed.dropped.isEmpty { node.metrics.recordDropped(committed.dropped.count) }
            next = height + 1
            node.metrics.observe(state: await node.ledger.state, mempool: await node.ledger.mempoolCount)
        }
    }
}
