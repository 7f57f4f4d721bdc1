import Foundation

/// Runs `depin` as a child process to completion, against one keys directory and node URL. Output
/// goes through temporary files (no pipe can fill up) and the exit is awaited without blocking a
/// thread.
public struct DepinCLI: Sendable {
    public var keysDirectory: URL
    public var nodeURL: String
    public var scratch: URL

    public init(keysDirectory: URL, nodeURL: String, scratch: URL) {
        self.keysDirectory = keysDirectory
        self.nodeURL = nodeURL
        self.scratch = scratch
    }

    public func run(_ arguments: [String]) async throws -> CLIResult {
        try await Self.run(arguments, node: nodeURL, keys: keysDirectory, scratch: scratch)
    }

    /// Runs and requires exit code 0.
    @discardableResult
    public func succeed(_ arguments: [String]) async throws -> CLIResult {
        let result = try await run(arguments)
        guard result.succeeded else { throw TestSupportError("command failed: \(result.transcript)") }
        return result
    }

    /// Runs a command that needs no node and no keys (`dev simulate`, `demo`, `chain verify`);
    /// neither is configured for it.
    public static func run(_ arguments: [String], scratch: URL = FileManager.default.temporaryDirectory) async throws -> CLIResult {
        try await run(arguments, node: nil, keys: nil, scratch: scratch)
    }

    private static func run(_ arguments: [String], node: String?, keys: URL?, scratch: URL) async throws -> CLIResult {
        let process = Process()
        process.executableURL = try Binaries.depin()
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["DEPIN_NODE"] = node
        environment["DEPIN_KEYS"] = keys?.path
        environment.removeValue(forKey: "DEPIN_KEY")
        process.environment = environment
        let token = UUID().uuidString
        let outURL = scratch.appendingPathComponent("cli-\(token).out")
        let errURL = scratch.appendingPathComponent("cli-\(token).err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        defer {
            try? out.close()
            try? err.close()
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { finished in continuation.resume(returning: finished.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        let stdout = (try? String(contentsOf: outURL, encoding: .utf8)) ?? ""
        let stderr = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
        return CLIResult(arguments: arguments, status: status, stdout: stdout, stderr: stderr)
    }
}
