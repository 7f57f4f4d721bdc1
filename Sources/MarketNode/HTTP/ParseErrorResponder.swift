import Foundation
import HTTPTypes
import MarketAPI
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// Answers a request the HTTP decoder could not parse with the API's JSON error body instead of
/// Hummingbird's bare 400: 431 `headers-too-large` when the request line and headers pass the
/// decoder's limits, 400 `malformed-request` otherwise; then closes the connection (lingering).
///
/// It sits right after the decoder. A parse error while a request is being served (in its body)
/// is passed on, so the route's own error answer is the only response on the wire.
final class ParseErrorResponder: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// Requests whose head was read and whose response has not ended.
    private var requestsInFlight = 0
    private var answered = false

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head = unwrapInboundIn(data) { requestsInFlight += 1 }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { requestsInFlight = max(0, requestsInFlight - 1) }
        context.write(data, promise: promise)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let parseError = error as? HTTPParserError, requestsInFlight == 0 else {
            context.fireErrorCaught(error)
            return
        }
        guard !answered else { return }
        answered = true
        let (status, body) = Self.answer(for: parseError)
        var buffer = context.channel.allocator.buffer(capacity: 128)
        buffer.writeBytes(Self.encode(body))
        let headers: HTTPFields = [
            .contentType: "application/json; charset=utf-8", .contentLength: String(buffer.readableBytes), .connection: "close",
        ]
        context.write(wrapOutboundOut(.head(HTTPResponse(status: status, headerFields: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(buffer)), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        LingeringClose.start(context: context)
    }

    /// The status and body for a parse error.
    static func answer(for error: HTTPParserError) -> (HTTPResponse.Status, APIErrorBody) {
        let code: APIErrorCode
        let message: String
        switch error {
        case .headerOverflow:
            code = .headersTooLarge
            message = "the request line and headers exceed \(NodeHTTPServer.maxHeaderBytes) bytes or \(NodeHTTPServer.maxHeaderFields) fields"
        default:
            code = .malformedRequest
            message = "the request is not valid HTTP/1.1 (\(error))"
        }
        return (code.httpStatus, code.body(message))
    }

    static func encode(_ body: APIErrorBody) -> Data {
        (try? NodeRequestContext.jsonEncoder.encode(body)) ?? Data(#"{"code":710,"message":"error","name":"internal-error"}"#.utf8)
    }
}
