import Foundation
import Hummingbird
import MarketAPI

/// A JSON request type whose top-level keys are known, so unknown fields can be rejected.
protocol StrictlyDecodable: Decodable {
    static var allowedKeys: Set<String> { get }
}

extension SubmitTransactionRequest: StrictlyDecodable {
    static let allowedKeys: Set<String> = ["transaction", "wait", "timeoutMillis"]
}

/// Reads request bodies with a size limit and decodes JSON strictly: malformed JSON (700), wrong
/// or missing fields (701), unknown fields (702), too large (413 / 703).
enum RequestBodyReader {
    /// Collects a JSON body, failing as soon as it passes `limit` bytes. A `Content-Type` other
    /// than JSON is 415 (716): a `text/plain` or form body is what a foreign web page can send
    /// without a CORS preflight. No `Content-Type` at all is read as JSON.
    static func collect(_ request: Request, limit: Int) async throws -> ByteBuffer {
        if let contentType = request.headers[.contentType], !isJSON(contentType) {
            throw APIFailure.api(.unsupportedMediaType, "this endpoint takes `application/json` bodies, not `\(contentType)`")
        }
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > limit {
            throw APIFailure.api(.bodyTooLarge, "request body of \(declared) bytes exceeds the limit of \(limit) bytes")
        }
        var collected = ByteBuffer()
        for try await chunk in request.body {
            guard collected.readableBytes + chunk.readableBytes <= limit else {
                throw APIFailure.api(.bodyTooLarge, "request body exceeds the limit of \(limit) bytes")
            }
            collected.writeImmutableBuffer(chunk)
        }
        return collected
    }

    /// `application/json` or a `+json` type, parameters allowed, any case.
    static func isJSON(_ contentType: String) -> Bool {
        let mediaType = contentType.split(separator: ";", maxSplits: 1).first.map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        } ?? ""
        return mediaType == "application/json" || (mediaType.hasPrefix("application/") && mediaType.hasSuffix("+json"))
    }

    static func decode<Value: StrictlyDecodable>(_ type: Value.Type, from request: Request, limit: Int) async throws -> Value {
        let buffer = try await collect(request, limit: limit)
        return try decode(type, from: Data(buffer.readableBytesView))
    }

    static func decode<Value: StrictlyDecodable>(_ type: Value.Type, from data: Data) throws(APIFailure) -> Value {
        guard !data.isEmpty else { throw .api(.malformedJSON, "the request body is empty; send a JSON object") }
        let keys: [String]
        do {
            keys = try JSONObjectKeys.topLevelKeys(of: data)
        } catch {
            throw .api(.malformedJSON, "the request body is not a JSON object: \(error)")
        }
        let unknown = keys.filter { !Value.allowedKeys.contains($0) }.sorted()
        guard unknown.isEmpty else {
            throw .api(.unknownField, "unknown field\(unknown.count == 1 ? "" : "s") \(unknown.map { "`\($0)`" }.joined(separator: ", ")); allowed: \(Value.allowedKeys.sorted().joined(separator: ", "))")
        }
        do {
            return try JSONDecoder().decode(Value.self, from: data)
        } catch let error as DecodingError {
            throw .api(.invalidField, DecodingErrorDescription.describe(error))
        } catch {
            throw .api(.malformedJSON, "the request body could not be decoded: \(error)")
        }
    }
}
