import NIOCore

/// Closes a connection after an error answer without losing the answer: the output side is shut
/// first (the client reads the answer, then end of stream), and the socket is closed a moment later.
/// Closing at once while the client is still sending (the rest of an oversized header, a dripping
/// body) makes the kernel reset the connection, and a reset discards the answer the client has not
/// read yet.
enum LingeringClose {
    /// How long the input is still read (and dropped) after the output is shut.
    static let linger: TimeAmount = .seconds(2)

    static func start(context: ChannelHandlerContext) {
        context.close(mode: .output, promise: nil)
        let channel = context.channel
        _ = context.eventLoop.assumeIsolated().scheduleTask(in: linger) { channel.close(promise: nil) }
    }
}
