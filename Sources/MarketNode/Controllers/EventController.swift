import HTTPTypes
import Hummingbird
import MarketAPI
import MarketCore

/// `GET /v1/events`: committed market events as Server-Sent Events.
struct EventController {
    let node: Node

    func addRoutes(to group: RouterGroup<NodeRequestContext>) {
        group.get("events", use: events)
    }

    /// `fromHeight` replays stored blocks from that height (default: only new blocks; a
    /// `Last-Event-ID` header resumes after that height); `toHeight` ends the stream after it.
    @Sendable func events(_ request: Request, context: NodeRequestContext) async throws -> Response {
        var query = try QueryParameters(request)
        let fromHeight = try query.integer("fromHeight", UInt64.self)
        let toHeight = try query.integer("toHeight", UInt64.self)
        try query.finish()
        let start: BlockHeight
        if let fromHeight {
            start = fromHeight
        } else if let text = request.headers.first(where: { $0.name.canonicalName == "last-event-id" })?.value {
            guard let last = UInt64(text), last < UInt64.max else {
                throw APIFailure.invalidField("Last-Event-ID must be a block height, got '\(text)'")
            }
            start = last + 1
        } else {
            start = await node.ledger.tip.height + 1
        }
        if let toHeight, toHeight < start {
            throw APIFailure.invalidQuery("`toHeight` (\(toHeight)) must not be below the first height (\(start))")
        }
        guard node.eventStreams.acquire() else {
            throw APIFailure.api(.unavailable, "the node serves its maximum of \(node.eventStreams.limit) event streams; retry later")
        }
        let slot = StreamSlot(counter: node.eventStreams)
        let stream = EventStream(ledger: node.ledger, chain: node.chain, start: start, end: toHeight, heartbeat: node.eventHeartbeat)
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
