import Hummingbird
import MarketAPI

extension APIFailure: ResponseGenerator {
    /// The failure's `{code, name, message}` body, encoded by the context's encoder, with the
    /// failure's status and headers.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = try context.responseEncoder.encode(body, from: request, context: context)
        response.status = status
        var fields = headers
        for field in response.headers where !fields.contains(field.name) { fields.append(field) }
        response.headers = fields
        return response
    }

    /// The response when even encoding the error body failed (it is a plain struct of strings,
    /// so this is not expected): the failure's status and headers with a fixed body.
    func unencodableResponse() -> Response {
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        let body = ByteBuffer(string: #"{"code":710,"name":"internal-error","message":"error"}"#)
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: body))
    }
}
