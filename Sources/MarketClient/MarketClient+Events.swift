import AsyncHTTPClient
import Foundation
import MarketAPI
import MarketCore
import NIOCore

/// The live event stream, `GET /v1/events?fromHeight=` (server-sent events).
extension MarketClient {
    /// Events buffered for a slow consumer before the stream fails rather than lose one.
    public static let eventBufferLimit = 16_384

    /// Committed market events from `fromHeight` on (from the next block when nil), resuming
    /// after dropped connections without gaps or duplicates; with `toHeight` the stream finishes
    /// after that block. Reconnects follow `reconnect`; the stream fails once it is exhausted, on
    /// an API error, or when the consumer falls more than `eventBufferLimit` events behind.
    /// Cancel by ending the iteration.
    public func events(
        fromHeight: BlockHeight? = nil, toHeight: BlockHeight? = nil,
        reconnect: RetryPolicy = RetryPolicy(maxAttempts: 8, maxDelay: .seconds(5))
    ) -> AsyncThrowingStream<CommittedEventView, any Error> {
        let (stream, continuation) = AsyncThrowingStream<CommittedEventView, any Error>.makeStream(
            bufferingPolicy: .bufferingOldest(MarketClient.eventBufferLimit))
        let pump = Task {
            do {
                let start: BlockHeight
                if let fromHeight {
                    start = fromHeight
                } else {
                    start = try await status().height + 1
                }
                try await pumpEvents(from: start, to: toHeight, reconnect: reconnect, into: continuation)
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in pump.cancel() }
        return stream
    }

    private struct SlowConsumer: Error {}

    private func pumpEvents(
        from start: BlockHeight, to end: BlockHeight?, reconnect: RetryPolicy,
        into continuation: AsyncThrowingStream<CommittedEventView, any Error>.Continuation
    ) async throws(MarketClientError) {
        var cursor = EventCursor(fromHeight: start)
        var failures = 0
        let clock = ContinuousClock()
        while !Task.isCancelled {
            let connectedAt = clock.now
            var lastReason = "the stream ended"
            do {
                let delivered = try await streamOnce(cursor: &cursor, to: end, into: continuation)
                // With an end height the node closes the stream once it is reached.
                if end != nil { return }
                if delivered { failures = 0 }
            } catch let error as MarketClientError {
                if case .api = error { throw error }
                if case .invalidResponse = error { throw error }
                lastReason = error.message
            } catch is SlowConsumer {
                throw .invalidRequest(
                    "The event consumer fell more than \(MarketClient.eventBufferLimit) events behind; resume from height \(cursor.height).")
            } catch {
                if Task.isCancelled { return }
                lastReason = MarketClient.describe(error)
            }
            if Task.isCancelled { return }
            if clock.now - connectedAt > .seconds(5) { failures = 0 }
            failures += 1
            guard let delay = reconnect.delay(afterAttempt: failures) else {
                throw .unreachable(url: baseURL, reason: "event stream lost: \(lastReason)")
            }
            do {
                try await Task.sleep(for: delay)
            } catch {
                return
            }
        }
    }

    /// One connection: delivers new events until the server closes it. Returns whether any
    /// event was delivered.
    private func streamOnce(
        cursor: inout EventCursor, to end: BlockHeight?, into continuation: AsyncThrowingStream<CommittedEventView, any Error>.Continuation
    ) async throws -> Bool {
        let path = "/v1/events"
        var query = [("fromHeight", String(cursor.height))]
        if let end { query.append(("toHeight", String(end))) }
        var request = HTTPClientRequest(url: url(path, query: query))
        request.headers.add(name: "Accept", value: "text/event-stream")
        request.headers.add(name: "User-Agent", value: "depin-client/1")
        let response: HTTPClientResponse
        do {
            response = try await httpClient.execute(request, deadline: .distantFuture)
        } catch {
            throw MarketClientError.unreachable(url: baseURL, reason: MarketClient.describe(error))
        }
        guard (200..<300).contains(Int(response.status.code)) else {
            let body = (try? await response.body.collect(upTo: 64 * 1024)).map { Array($0.readableBytesView) } ?? []
            try check(RawResponse(status: Int(response.status.code), headers: response.headers, body: body), path: path)
            return false
        }
        cursor.reconnected()
        var parser = ServerSentEventParser()
        var delivered = false
        let decoder = JSONDecoder()
        for try await buffer in response.body {
            let events: [ServerSentEvent]
            do {
                events = try parser.feed(buffer.readableBytesView)
            } catch {
                throw MarketClientError.invalidResponse(url: baseURL + path, reason: "event larger than \(parser.maxEventBytes) bytes")
            }
            for sse in events {
                let event: CommittedEventView
                do {
                    event = try decoder.decode(CommittedEventView.self, from: Data(sse.data.utf8))
                } catch {
                    // Other event types (keep-alives, notices) are not market events.
                    if sse.event == nil || sse.event == "message" {
                        throw MarketClientError.invalidResponse(
                            url: baseURL + path, reason: "expected CommittedEventView JSON (\(MarketClient.describe(error)))")
                    }
                    continue
                }
                guard cursor.admit(event) else { continue }
                delivered = true
                if case .dropped = continuation.yield(event) { throw SlowConsumer() }
            }
        }
        return delivered
    }
}
