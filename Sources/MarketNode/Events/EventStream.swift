import Foundation
import Hummingbird
import MarketAPI
import MarketCore
import MarketLedger
import ServiceLifecycle

/// One `/v1/events` Server-Sent Events stream: replays stored blocks from `start` in bounded
/// batches, then follows the ledger's committed blocks, filling any gap from the store, with a
/// heartbeat comment when idle. Ends after `end` (when given), when the client goes away, or
/// cleanly when the node shuts down gracefully.
struct EventStream: Sendable {
    let ledger: Ledger
    let chain: ChainReader
    let start: BlockHeight
    let end: BlockHeight?
    let heartbeat: Duration

    /// Blocks read from the store per write while catching up.
    static let replayBatchBlocks: BlockHeight = 64
    /// Blocks buffered between the ledger and a slow client before the stream falls back to the store.
    static let followBuffer = 256

    private enum Input: Sendable {
        case block(Block)
        case heartbeat
    }

    func run(writer: inout any ResponseBodyWriter) async throws {
        let (inputs, continuation) = AsyncStream<Input>.makeStream(bufferingPolicy: .bufferingNewest(Self.followBuffer))
        let stopping = LockedBox(false)
        try await withGracefulShutdownHandler {
            // Subscribe before replaying so no block committed meanwhile is missed; duplicates are
            // skipped by height.
            let blocks = await ledger.subscribe(bufferLimit: Self.followBuffer)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await committed in blocks { continuation.yield(.block(committed.block)) }
                }
                let heartbeat = self.heartbeat
                group.addTask {
                    while !Task.isCancelled {
                        try await Task.sleep(for: heartbeat)
                        continuation.yield(.heartbeat)
                    }
                }
                var next = start
                try await writer.write(ByteBuffer(string: ": depin events from height \(start)\n\n"))
                next = try await replay(from: next, through: try chain.latestHeight(), writer: &writer) { stopping.withLock { $0 } }
                if !isFinished(next) {
                    for await input in inputs {
                        switch input {
                        case .heartbeat:
                            try await writer.write(ByteBuffer(string: ": heartbeat\n\n"))
                        case .block(let block):
                            guard block.height >= next else { continue }
                            if block.height > next {
                                next = try await replay(from: next, through: block.height - 1, writer: &writer) { stopping.withLock { $0 } }
                            }
                            if isFinished(next) { break }
                            try await writer.write(Self.encode(block))
                            next = block.height + 1
                        }
                        if isFinished(next) || stopping.withLock({ $0 }) { break }
                    }
                }
                group.cancelAll()
            }
        } onGracefulShutdown: {
            stopping.withLock { $0 = true }
            continuation.finish()
        }
        try await writer.finish(nil)
    }

    private func isFinished(_ next: BlockHeight) -> Bool {
        guard let end else { return false }
        return next > end
    }

    /// Writes stored blocks `from...through` (capped at `end`) in batches; returns the next height.
    private func replay(
        from first: BlockHeight, through last: BlockHeight, writer: inout any ResponseBodyWriter, stopping: () -> Bool
    ) async throws -> BlockHeight {
        let last = min(last, end ?? .max)
        var next = first
        while next <= last, !stopping() {
            let batchEnd = min(last, next + Self.replayBatchBlocks - 1)
            var buffer = ByteBuffer()
            for height in next...batchEnd {
                guard let block = try chain.block(at: height) else { return height }
                buffer.writeImmutableBuffer(try Self.encode(block))
            }
            if buffer.readableBytes > 0 { try await writer.write(buffer) }
            next = batchEnd + 1
        }
        return next
    }

    /// One SSE message per event: `id:` the block height, `event:` the kind, `data:` the JSON.
    static func encode(_ block: Block) throws -> ByteBuffer {
        var buffer = ByteBuffer()
        let encoder = NodeRequestContext.jsonEncoder
        for event in CommittedEventView.events(of: block) {
            let json = try encoder.encode(event)
            buffer.writeString("id: \(event.height)\nevent: \(event.event.kind.rawValue)\ndata: ")
            buffer.writeBytes(json)
            buffer.writeString("\n\n")
        }
        return buffer
    }
}
