import MarketClient
import Testing

@Suite("Server-sent event parsing")
struct ServerSentEventParserTests {
    @Test("Fields, multi-line data, comments and dispatch on blank lines")
    func basicStream() throws {
        var parser = ServerSentEventParser()
        let text = ": keep-alive\nid: 7\nevent: job-posted\ndata: {\"a\":1}\n\ndata: line1\ndata: line2\n\n"
        let events = try parser.feed(Array(text.utf8))
        #expect(events == [
            ServerSentEvent(event: "job-posted", data: "{\"a\":1}", id: "7"),
            ServerSentEvent(event: nil, data: "line1\nline2", id: "7"),
        ])
    }

    @Test("Bytes split anywhere, CRLF and CR line endings give the same events", arguments: [1, 2, 3, 5, 64])
    func chunking(chunk: Int) throws {
        let text = "event: x\r\ndata: hello\r\n\r\nevent: y\rdata: world\r\r"
        var parser = ServerSentEventParser()
        var events: [ServerSentEvent] = []
        let bytes = Array(text.utf8)
        for start in stride(from: 0, to: bytes.count, by: chunk) {
            events += try parser.feed(bytes[start..<min(bytes.count, start + chunk)])
        }
        #expect(events.map(\.data) == ["hello", "world"])
        #expect(events.map(\.event) == ["x", "y"])
    }

    @Test("An event without data is not dispatched; a value without a space after the colon is kept whole")
    func edgeCases() throws {
        var parser = ServerSentEventParser()
        #expect(try parser.feed(Array("event: ping\n\n".utf8)).isEmpty)
        let events = try parser.feed(Array("data:x y\n\n".utf8))
        #expect(events.map(\.data) == ["x y"])
    }

    @Test("Oversized lines are refused")
    func bound() {
        var parser = ServerSentEventParser(maxEventBytes: 16)
        #expect(throws: ServerSentEventParser.Failure.self) {
            _ = try parser.feed(Array(("data: " + String(repeating: "a", count: 32)).utf8))
        }
    }
}
