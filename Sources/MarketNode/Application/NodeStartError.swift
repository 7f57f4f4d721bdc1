/// Why a node could not start (besides configuration and chain errors, which have their own types).
public enum NodeStartError: Error, CustomStringConvertible, Sendable {
    case dataDirectory(String)
    case blobDirectory(String)
    /// The HTTP server could not listen (for example, the port is in use).
    case listen(host: String, port: Int, reason: String)

    public var description: String {
        switch self {
        case .dataDirectory(let reason): "data directory: \(reason)"
        case .blobDirectory(let reason): "blob directory: \(reason)"
        case .listen(let host, let port, let reason): "cannot listen on \(host):\(port): \(reason)"
        }
    }
}
