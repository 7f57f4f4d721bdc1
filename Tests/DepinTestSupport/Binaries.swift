import Foundation

/// The package's executables, built next to the test bundle by `swift build --build-tests` or
/// `swift test` (both build every product of the package).
public enum Binaries {
    /// The executable `name` in the test bundle's directory or up to three directories above it.
    public static func path(_ name: String) throws -> URL {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        throw TestSupportError("missing \(name) executable next to the tests (\(CommandLine.arguments[0]))")
    }

    /// The `depin` CLI.
    public static func depin() throws -> URL {
        try path("depin")
    }
}
