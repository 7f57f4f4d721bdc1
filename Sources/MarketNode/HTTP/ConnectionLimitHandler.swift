import NIOCore
import NIOHTTPTypes

/// Closes a connection as soon as it is accepted when its client address already holds
/// `maxConnectionsPerClient` connections, and gives the slot back when a connection closes.
final class ConnectionLimitHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart

    private let connections: PerClientCounter
    /// The client address whose slot this connection holds.
    private var heldBy: String?
    private var checked = false

    init(connections: PerClientCounter) {
        self.connections = connections
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { admit(context: context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        admit(context: context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        giveBack()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        giveBack()
    }

    private func admit(context: ChannelHandlerContext) {
        guard !checked else { return }
        checked = true
        guard let client = context.channel.remoteAddress?.ipAddress else { return }
        if connections.acquire(client: client) {
            heldBy = client
        } else {
            context.close(promise: nil)
        }
    }

    private func giveBack() {
        if let heldBy { connections.release(client: heldBy) }
        heldBy = nil
    }
}
