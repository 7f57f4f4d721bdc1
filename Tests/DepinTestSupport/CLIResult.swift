import Foundation

/// What one `depin` invocation printed and how it exited.
public struct CLIResult: Sendable {
    public var arguments: [String]
    public var status: Int32
    public var stdout: String
    public var stderr: String

    public init(arguments: [String], status: Int32, stdout: String, stderr: String) {
        self.arguments = arguments
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
    }

    public var succeeded: Bool { status == 0 }

    public var transcript: String {
        "depin \(arguments.joined(separator: " ")) -> exit \(status)\nstdout:\n\(stdout)\nstderr:\n\(stderr)"
    }

    /// Decodes stdout as `T`.
    public func json<T: Decodable>(_ type: T.Type) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(stdout.utf8))
        } catch {
            throw TestSupportError("cannot decode \(T.self) from output of: \(transcript)\n\(error)")
        }
    }
}
