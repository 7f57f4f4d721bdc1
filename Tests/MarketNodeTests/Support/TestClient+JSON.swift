import Foundation
import Hummingbird
import HummingbirdTesting
import MarketAPI
import Testing

/// A response read back: status, headers and body.
struct Reply: Sendable {
    let response: TestResponse

    var status: Int { response.status.code }
    var text: String { String(buffer: response.body) }
    var data: Data { Data(response.body.readableBytesView) }

    func header(_ name: String) -> String? {
        response.headers.first(where: { $0.name.canonicalName == name.lowercased() })?.value
    }

    func decode<Value: Decodable>(_ type: Value.Type = Value.self) throws -> Value {
        do {
            return try JSONDecoder().decode(Value.self, from: data)
        } catch {
            throw TestFailure("cannot decode \(Value.self) from \(status) \(text): \(error)")
        }
    }

    /// The `{code, name, message}` body of an error response.
    var error: APIErrorBody? { try? decode(APIErrorBody.self) }

    /// Expects an error response with this HTTP status and API code.
    func expectError(_ status: Int, code: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(self.status == status, "status \(self.status) body \(text)", sourceLocation: sourceLocation)
        #expect(error?.code == code, "body \(text)", sourceLocation: sourceLocation)
        #expect(header("content-type")?.hasPrefix("application/json") == true, sourceLocation: sourceLocation)
    }
}

extension TestClientProtocol {
    func send(_ method: HTTPRequest.Method, _ uri: String, body: String? = nil, headers: HTTPFields = [:]) async throws -> Reply {
        Reply(response: try await execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }))
    }

    func send(_ method: HTTPRequest.Method, _ uri: String, bytes: [UInt8], headers: HTTPFields = [:]) async throws -> Reply {
        Reply(response: try await execute(uri: uri, method: method, headers: headers, body: ByteBuffer(bytes: bytes)))
    }

    func get(_ uri: String) async throws -> Reply { try await send(.get, uri) }

    /// GETs `uri`, expects 200 and decodes the body.
    func get<Value: Decodable>(_ uri: String, as type: Value.Type) async throws -> Value {
        let reply = try await get(uri)
        #expect(reply.status == 200, "GET \(uri) -> \(reply.status) \(reply.text)")
        return try reply.decode(Value.self)
    }
}
