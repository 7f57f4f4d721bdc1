/// Why a key file could not be saved, loaded or listed. Local to the machine holding the keys,
/// so it carries paths and reasons rather than protocol codes.
public enum KeyFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Key names are 1-64 characters of `A-Z a-z 0-9 . _ -` and do not start with a dot.
    case invalidName(String)
    case alreadyExists(path: String)
    case notFound(path: String)
    /// The file or directory is reachable by other users, owned by someone else, or a symlink.
    case insecure(path: String, reason: String)
    case malformed(path: String, reason: String)
    case io(operation: String, path: String, reason: String)

    /// Stable kebab-case name.
    public var name: String {
        switch self {
        case .invalidName: "invalid-key-name"
        case .alreadyExists: "key-exists"
        case .notFound: "key-not-found"
        case .insecure: "key-file-insecure"
        case .malformed: "key-file-malformed"
        case .io: "key-file-io"
        }
    }

    /// A sentence for people, with the path and what to do.
    public var message: String {
        switch self {
        case .invalidName(let name):
            "Invalid key name \"\(name)\": use 1-64 characters from A-Z, a-z, 0-9, '.', '_' and '-', not starting with '.'."
        case .alreadyExists(let path):
            "A key file already exists at \(path); choose another name or remove the old file yourself."
        case .notFound(let path):
            "No key file at \(path). List keys with `depin keys list` or create one with `depin keys new`."
        case .insecure(let path, let reason):
            "Refusing to use \(path): \(reason)"
        case .malformed(let path, let reason):
            "The key file \(path) is not valid: \(reason)"
        case .io(let operation, let path, let reason):
            "Could not \(operation) \(path): \(reason)"
        }
    }

    public var description: String { "\(name): \(message)" }
}
