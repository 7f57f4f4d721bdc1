/// Why a node could not start (besides configuration and chain errors, which have their own types).
public enum NodeStartError: Error, CustomStringConvertible, Sendable {
    case dataDirectory(String)
    case blobDirectory(String)

    public var description: String {
        switch self {
        case .dataDirectory(let reason): "data directory: \(reason)"
        case .blobDirectory(let reason): "blob directory: \(reason)"
        }
    }
}
