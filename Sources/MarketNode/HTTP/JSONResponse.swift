import Foundation
import Hummingbird
import MarketAPI

/// JSON encoding of every response: compact, keys sorted, so equal values give equal bytes.
enum JSONResponse {
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    static func bytes<Value: Encodable>(_ value: Value) throws(APIFailure) -> ByteBuffer {
        do {
            return ByteBuffer(bytes: try encoder().encode(value))
        } catch {
            throw .api(.internalError, "response could not be encoded: \(error)")
        }
    }

    /// A JSON response with `status`.
    static func make<Value: Encodable>(
        _ value: Value, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]
    ) throws(APIFailure) -> Response {
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: try bytes(value)))
    }
}

extension APIFailure {
    /// The failure as a JSON response. Never throws: the body is a plain struct of strings.
    func response() -> Response {
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        let data = (try? JSONResponse.encoder().encode(body)) ?? Data(#"{"code":710,"name":"internal-error","message":"error"}"#.utf8)
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
