/// Why a node configuration cannot be used.
public enum NodeConfigurationError: Error, Hashable, Sendable, CustomStringConvertible {
    case invalid(String)

    public var description: String {
        switch self {
        case .invalid(let reason): "invalid node configuration: \(reason)"
        }
    }
}
