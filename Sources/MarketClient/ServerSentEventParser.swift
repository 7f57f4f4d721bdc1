/// One dispatched server-sent event.
public struct ServerSentEvent: Sendable, Hashable {
    /// The `event:` field; nil for the default type ("message").
    public var event: String?
    /// The `data:` lines joined with newlines.
    public var data: String
    /// The `id:` field, if any.
    public var id: String?

    public init(event: String? = nil, data: String, id: String? = nil) {
        self.event = event
        self.data = data
        self.id = id
    }
}

/// Incremental parser for `text/event-stream` (the WHATWG format): feed it bytes as they
/// arrive, get complete events back. Comments (`:` lines) and unknown fields are ignored;
/// lines end with LF, CRLF or CR.
public struct ServerSentEventParser: Sendable {
    public enum Failure: Error, Sendable, Hashable {
        /// A line or an event grew past `maxEventBytes`.
        case eventTooLarge(Int)
    }

    /// Bound on one line and on one event's accumulated data.
    public let maxEventBytes: Int
    private var line: [UInt8] = []
    private var lastWasCR = false
    private var dataLines: [String] = []
    private var dataBytes = 0
    private var eventName: String?
    private var eventID: String?

    public init(maxEventBytes: Int = 1 << 20) {
        self.maxEventBytes = maxEventBytes
    }

    /// Consumes `bytes` and returns the events they complete.
    public mutating func feed(_ bytes: some Sequence<UInt8>) throws(Failure) -> [ServerSentEvent] {
        var events: [ServerSentEvent] = []
        for byte in bytes {
            if byte == UInt8(ascii: "\n") {
                if lastWasCR {
                    lastWasCR = false
                    continue
                }
                if let event = try endLine() { events.append(event) }
            } else if byte == UInt8(ascii: "\r") {
                lastWasCR = true
                if let event = try endLine() { events.append(event) }
            } else {
                lastWasCR = false
                guard line.count < maxEventBytes else { throw .eventTooLarge(maxEventBytes) }
                line.append(byte)
            }
        }
        return events
    }

    private mutating func endLine() throws(Failure) -> ServerSentEvent? {
        defer { line.removeAll(keepingCapacity: true) }
        if line.isEmpty {
            defer {
                dataLines = []
                dataBytes = 0
                eventName = nil
            }
            guard !dataLines.isEmpty else { return nil }
            return ServerSentEvent(event: eventName, data: dataLines.joined(separator: "\n"), id: eventID)
        }
        if line.first == UInt8(ascii: ":") { return nil }
        let field: String
        let value: String
        if let colon = line.firstIndex(of: UInt8(ascii: ":")) {
            field = String(decoding: line[..<colon], as: UTF8.self)
            var start = line.index(after: colon)
            if start < line.endIndex, line[start] == UInt8(ascii: " ") { start = line.index(after: start) }
            value = String(decoding: line[start...], as: UTF8.self)
        } else {
            field = String(decoding: line, as: UTF8.self)
            value = ""
        }
        switch field {
        case "data":
            dataBytes += value.utf8.count + 1
            guard dataBytes <= maxEventBytes else { throw .eventTooLarge(maxEventBytes) }
            dataLines.append(value)
        case "event":
            eventName = value.isEmpty ? nil : value
        case "id":
            if !value.contains("\0") { eventID = value }
        default:
            break
        }
        return nil
    }
}
