import Hummingbird
import NIOCore

/// The request context of every node route: Hummingbird's core storage plus the client's
/// address, which keys the rate limiter.
public struct NodeRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The peer's IP address; nil for in-process test requests.
    public let clientAddress: String?

    public init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        clientAddress = source.channel.remoteAddress?.ipAddress
    }
}
