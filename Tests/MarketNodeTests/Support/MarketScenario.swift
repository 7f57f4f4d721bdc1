import MarketCore
import MarketLedger

/// A small market built block by block on a `TestNode`:
///
/// - P0 consumer, 2 GPUs x 8 GB at 0.5 (registered at height 1), busy on job 1;
/// - P1 prosumer, 4 x 24 GB at 0.9 (height 2);
/// - P2 datacenter, 8 x 80 GB at 1.5 (height 3);
/// - P3 datacenter, 8 x 40 GB at 0.9 (height 4), silent since: offline, availability 25 %;
/// - job 1 (client, consumer, 2 GPUs) matched to P0; job 2 (other client, datacenter) pending.
///
/// Heartbeat windows are 2 blocks and the liveness window 4 blocks, so this takes 13 blocks.
enum MarketScenario {
    static var parameters: MarketParameters {
        var parameters = MarketParameters()
        parameters.heartbeatWindowBlocks = 2
        parameters.livenessWindowBlocks = 4
        return parameters
    }

    static let p0 = TestKeys.providers[0]
    static let p1 = TestKeys.providers[1]
    static let p2 = TestKeys.providers[2]
    static let p3 = TestKeys.providers[3]

    static func build(on node: TestNode) async throws {
        let registrations: [(SigningKey, TransactionBody)] = [
            (p0, Market.provider(tier: .consumer, gpus: 2, memory: 8, rate: "0.5")),
            (p1, Market.provider(tier: .prosumer, gpus: 4, memory: 24, rate: "0.9")),
            (p2, Market.provider(tier: .datacenter, gpus: 8, memory: 80, rate: "1.5")),
            (p3, Market.provider(tier: .datacenter, gpus: 8, memory: 40, rate: "0.9")),
        ]
        var live: [SigningKey] = []
        for registration in registrations {
            try await node.commit([registration] + live.map { ($0, .providerHeartbeat) })
            if registration.0.address != p3.address { live.append(registration.0) }
        }
        let heartbeats: [(SigningKey, TransactionBody)] = live.map { ($0, .providerHeartbeat) }
        for _ in 5...10 { try await node.commit(heartbeats) }
        try await node.commit(heartbeats + [(TestKeys.client, Market.job(gpus: 2))])
        try await node.commit(heartbeats + [(TestKeys.client, .matchJob(JobID(1)))])
        try await node.commit(heartbeats + [(TestKeys.otherClient, Market.job(tier: .datacenter, memory: 40, gpuHours: 5))])
    }
}
