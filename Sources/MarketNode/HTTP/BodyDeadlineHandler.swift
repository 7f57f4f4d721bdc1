import NIOCore
import NIOHTTPTypes

/// Bounds the time a request's body may take: `bodyTimeoutMillis` after its head, the body read
/// fails with `RequestBodyTimeout` (the route answers 408 `request-timeout`) and the connection is
/// closed once that answer is written (a lingering close: see `LingeringClose`), or after a grace
/// period if no answer follows.
///
/// Hummingbird's idle timeout already closes a connection that goes silent; this catches the one
/// that drips a byte now and then to keep a request open.
final class BodyDeadlineHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// Thrown by the request body's iteration when the deadline passes.
    struct RequestBodyTimeout: Error {
        let timeout: TimeAmount
    }

    private let timeout: TimeAmount
    /// How long the route gets to answer once the deadline passed.
    private let answerGrace: TimeAmount
    private var deadline: Scheduled<Void>?
    private var timedOut = false

    init(timeout: TimeAmount, answerGrace: TimeAmount = .seconds(10)) {
        self.timeout = timeout
        self.answerGrace = answerGrace
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            schedule(context: context, in: timeout) { handler, context in handler.expire(context: context) }
        case .end:
            cancel()
        case .body:
            break
        }
        guard !timedOut else { return }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if timedOut, case .end = unwrapOutboundIn(data) {
            context.writeAndFlush(data, promise: promise)
            cancel()
            LingeringClose.start(context: context)
            return
        }
        context.write(data, promise: promise)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        cancel()
    }

    func channelInactive(context: ChannelHandlerContext) {
        cancel()
        context.fireChannelInactive()
    }

    private func expire(context: ChannelHandlerContext) {
        timedOut = true
        context.fireErrorCaught(RequestBodyTimeout(timeout: timeout))
        schedule(context: context, in: answerGrace) { _, context in context.close(promise: nil) }
    }

    private func schedule(
        context: ChannelHandlerContext, in delay: TimeAmount, _ action: @escaping (BodyDeadlineHandler, ChannelHandlerContext) -> Void
    ) {
        cancel()
        let loop = context.eventLoop.assumeIsolated()
        deadline = loop.scheduleTask(in: delay) { [self] in
            deadline = nil
            action(self, context)
        }
    }

    private func cancel() {
        deadline?.cancel()
        deadline = nil
    }
}
