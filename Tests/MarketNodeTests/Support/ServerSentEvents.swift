import Foundation
import Hummingbird
import MarketAPI
@testable import MarketNode

/// One parsed Server-Sent Events message.
struct SSEMessage: Sendable {
    var id: String?
    var event: String?
    var data: String?
    var comment: String?

    /// Splits a stream's text into messages.
    static func parse(_ text: String) -> [SSEMessage] {
        text.components(separatedBy: "\n\n").compactMap { chunk in
            guard !chunk.isEmpty else { return nil }
            var message = SSEMessage()
            for line in chunk.split(separator: "\n", omittingEmptySubsequences: false) {
                if line.hasPrefix(": ") { message.comment = String(line.dropFirst(2)) }
                else if line.hasPrefix("id: ") { message.id = String(line.dropFirst(4)) }
                else if line.hasPrefix("event: ") { message.event = String(line.dropFirst(7)) }
                else if line.hasPrefix("data: ") { message.data = String(line.dropFirst(6)) }
            }
            return message
        }
    }

    func decoded() throws -> CommittedEventView? {
        guard let data else { return nil }
        return try JSONDecoder().decode(CommittedEventView.self, from: Data(data.utf8))
    }
}

/// Collects what a response body writes, for driving `EventStream` directly.
final class BodySink: Sendable {
    private let state = LockedBox((text: "", finished: false))

    var text: String { state.withLock { $0.text } }
    var finished: Bool { state.withLock { $0.finished } }

    func append(_ text: String) { state.withLock { $0.text += text } }
    func finish() { state.withLock { $0.finished = true } }

    /// Waits (polling) until `condition` holds for the text written so far; throws after a long while.
    func wait(until condition: (String) -> Bool) async throws {
        for _ in 0..<4_000 {
            if condition(text) { return }
            try await Task.sleep(for: .milliseconds(5))
        }
        throw TestFailure("the stream never wrote what the test waited for; it wrote: \(text)")
    }
}

struct CollectingWriter: ResponseBodyWriter {
    let sink: BodySink

    mutating func write(_ buffer: ByteBuffer) async throws {
        sink.append(String(buffer: buffer))
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {
        sink.finish()
    }
}
