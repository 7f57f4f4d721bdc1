import Foundation
import MarketAPI
#if canImport(Glibc)
import Glibc
#endif

/// Failures of the black-box helpers, with enough context to debug from the test log.
struct CLITestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// The `depin` executable built next to the test bundle.
func depinExecutable() throws -> URL {
    var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for _ in 0..<4 {
        let candidate = directory.appendingPathComponent("depin")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        directory.deleteLastPathComponent()
    }
    throw CLITestError("no depin executable next to the tests (\(CommandLine.arguments[0]))")
}

/// What one `depin` invocation printed and how it exited.
struct CLIResult: Sendable {
    var arguments: [String]
    var status: Int32
    var stdout: String
    var stderr: String

    var succeeded: Bool { status == 0 }

    var transcript: String {
        "depin \(arguments.joined(separator: " ")) -> exit \(status)\nstdout:\n\(stdout)\nstderr:\n\(stderr)"
    }

    /// Decodes stdout as `T`.
    func json<T: Decodable>(_ type: T.Type) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(stdout.utf8))
        } catch {
            throw CLITestError("cannot decode \(T.self) from output of: \(transcript)\n\(error)")
        }
    }
}

/// Runs `depin` as a child process against one keys directory and node URL. Output goes through
/// temporary files (no pipe can fill up) and the exit is awaited without blocking a thread.
struct DepinCLI: Sendable {
    var keysDirectory: URL
    var nodeURL: String
    var scratch: URL

    func run(_ arguments: [String]) async throws -> CLIResult {
        let process = Process()
        process.executableURL = try depinExecutable()
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["DEPIN_NODE"] = nodeURL
        environment["DEPIN_KEYS"] = keysDirectory.path
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

    /// Runs and requires exit code 0.
    @discardableResult
    func succeed(_ arguments: [String]) async throws -> CLIResult {
        let result = try await run(arguments)
        guard result.succeeded else { throw CLITestError("command failed: \(result.transcript)") }
        return result
    }
}

/// A free TCP port on 127.0.0.1, found by binding port 0.
func freeLoopbackPort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw CLITestError("socket() failed") }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard bound == 0 else { throw CLITestError("bind() failed") }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    return Int(UInt16(bigEndian: address.sin_port))
}

/// `depin node start` as a child process, its output in a log file.
final class NodeChild: @unchecked Sendable {
    let process = Process()
    let log: URL

    init(arguments: [String], log: URL) throws {
        self.log = log
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.executableURL = try depinExecutable()
        process.arguments = arguments
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    var output: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

    /// Waits for the node's "listening" line.
    func waitUntilListening(timeout: Duration = .seconds(120)) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if output.lowercased().contains("listening") { return }
            guard process.isRunning else {
                throw CLITestError("node exited with \(process.terminationStatus) before listening; log:\n\(output.suffix(3_000))")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw CLITestError("node did not print a listening line within \(timeout); log:\n\(output.suffix(3_000))")
    }

    /// SIGTERM, then the exit status (SIGKILL after `timeout`).
    func terminate(timeout: Duration = .seconds(30)) async -> Int32 {
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        let deadline = ContinuousClock.now + timeout
        while process.isRunning && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return -1
        }
        return process.terminationStatus
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}
