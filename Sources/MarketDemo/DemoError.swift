/// A demo run that could not go on.
public enum DemoError: Error, CustomStringConvertible {
    case unexpected(String)

    public var description: String {
        switch self {
        case .unexpected(let reason): reason
        }
    }
}
