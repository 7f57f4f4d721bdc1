import HummingbirdCore
import NIOCore

/// The node's HTTP/1.1 server: Hummingbird's channel with the node's limits on what a client can
/// hold open. Read timeouts: headers within `headerTimeoutMillis` (Hummingbird's idle timeout, which
/// counts from the connection or the previous response and is reset only by whole request parts),
/// the body within `bodyTimeoutMillis`. Request line and headers at most `maxHeaderBytes`; past
/// that, and on any other parse error, a JSON error answer.
enum NodeHTTPServer {
    /// Largest request line plus headers, in bytes (URLs and headers of this API are short).
    static let maxHeaderBytes = 16 * 1024
    /// Most header fields in one request.
    static let maxHeaderFields = 100

    static func builder(configuration: NodeConfiguration, connectionsPerClient: PerClientCounter) -> HTTPServerBuilder {
        let bodyTimeout = TimeAmount.milliseconds(Int64(configuration.bodyTimeoutMillis))
        let channel = HTTP1Channel.Configuration(
            additionalChannelHandlers: [
                ParseErrorResponder(), ConnectionLimitHandler(connections: connectionsPerClient),
                BodyDeadlineHandler(timeout: bodyTimeout),
            ],
            idleTimeout: .milliseconds(Int64(configuration.headerTimeoutMillis)),
            httpDecoderConfiguration: HTTP1Channel.Configuration.DecoderConfiguration(
                maxHeaderFieldSize: maxHeaderBytes, maxHeaderListSize: maxHeaderBytes, maxHeaderFieldCount: maxHeaderFields))
        return .http1(configuration: channel)
    }
}
