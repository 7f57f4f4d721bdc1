import HTTPTypes
import Hummingbird
import MarketAPI
import MarketCore
import MarketLedger

/// `GET /v1/events`: committed market events as Server-Sent Events.
struct EventController {
    let ledger: Ledger
    let chain: ChainReader
    /// Counts open streams against `maxEventStreams`.
    let streams: ConnectionCounter
    /// Counts each client address's open streams against `maxEventStreamsPerClient`.
    let streamsPerClient: PerClientCounter
    /// How often an idle stream gets a comment line.
    let heartbeat: Duration

    func addRoutes(to group: RouterGroup<NodeRequestContext>) {
        group.get("events", use: events)
    }

    /// `fromHeight` replays stored blocks from that height (default: only new blocks; a
    /// `Last-Event-ID` header resumes after that height); `toHeight` ends the stream after it.
    @Sendable func events(_ request: Request, context: NodeRequestContext) async throws -> Response {
        let (fromHeight, toHeight) = try request.query { query throws(APIFailure) in
            (try query.integer("fromHeight", UInt64.self), try query.integer("toHeight", UInt64.self))
        }
        // Checked even when `fromHeight` wins, so a bad header is never silently ignored.
        var lastEventID: BlockHeight?
        if let text = request.headers.first(where: { $0.name.canonicalName == "last-event-id" })?.value {
            guard let last = UInt64(text), last < UInt64.max else {
                throw APIFailure.invalidField("Last-Event-ID must be a block height, got '\(text)'")
            }
            lastEventID = last
        }
        let start: BlockHeight
        if let fromHeight {
            start = fromHeight
        } else if let lastEventID {
            start = lastEventID + 1
        } else {
            start = await ledger.tip.height + 1
        }
        if let toHeight, toHeight < start {
            throw APIFailure.invalidQuery("`toHeight` (\(toHeight)) must not be below the first height (\(start))")
        }
        let client = context.clientAddress
        if let client, !streamsPerClient.acquire(client: client) {
            throw APIFailure.api(
                .tooManyStreams,
                "\(client) already holds its maximum of \(streamsPerClient.limitPerClient) event streams; close one first")
        }
        guard streams.acquire() else {
            if let client { streamsPerClient.release(client: client) }
            throw APIFailure.api(.unavailable, "the node serves its maximum of \(streams.limit) event streams; retry later")
        }
        let slot = StreamSlot(counter: streams, perClient: client.map { (streamsPerClient, $0) })
        let stream = EventStream(ledger: ledger, chain: chain, start: start, end: toHeight, heartbeat: heartbeat)
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream; charset=utf-8"
        headers[.cacheControl] = "no-cache"
        if let noProxyBuffering = HTTPField.Name("X-Accel-Buffering") { headers[noProxyBuffering] = "no" }
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            defer { slot.release() }
            try await stream.run(writer: &writer)
        })
    }
}
