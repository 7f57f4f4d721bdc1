import Foundation
import Hummingbird
import NIOCore

/// The request context of every node route: Hummingbird's core storage plus the client's
/// address, which keys the rate limiter, and the one JSON encoder every response goes through.
public struct NodeRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The peer's IP address; nil for in-process test requests.
    public let clientAddress: String?

    public init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        clientAddress = source.channel.remoteAddress?.ipAddress
    }

    /// Encodes every `ResponseEncodable` view a route returns, and error bodies.
    public var responseEncoder: JSONEncoder { Self.jsonEncoder }

    /// Compact JSON with sorted keys and unescaped slashes, so equal values give equal bytes.
    /// Configured once and never changed, so it is safe to share between requests.
    static let jsonEncoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
}
