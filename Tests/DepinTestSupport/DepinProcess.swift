import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A long-running `depin` child process (a node or an agent) whose output is appended to a log
/// file. It can be started again after a kill, as crash tests do; it is killed if still running
/// when released.
public final class DepinProcess: @unchecked Sendable {
    public let arguments: [String]
    public let log: URL
    public private(set) var process: Process?

    public init(arguments: [String], log: URL) {
        self.arguments = arguments
        self.log = log
    }

    /// Starts the process, appending its stdout and stderr to `log`.
    public func start() throws {
        let process = Process()
        process.executableURL = try Binaries.depin()
        process.arguments = arguments
        if !FileManager.default.fileExists(atPath: log.path) { _ = FileManager.default.createFile(atPath: log.path, contents: nil) }
        let handle = try FileHandle(forWritingTo: log)
        handle.seekToEndOfFile()
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        self.process = process
    }

    /// True once a started process has exited.
    public var hasExited: Bool { process.map { !$0.isRunning } ?? false }

    /// The exit status; nil while running or before the first start.
    public var exitStatus: Int32? {
        guard let process, !process.isRunning else { return nil }
        return process.terminationStatus
    }

    /// Everything logged so far.
    public var output: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

    /// The last `characters` characters of the log.
    public func logTail(_ characters: Int = 2_000) -> String {
        String(output.suffix(characters))
    }

    /// Waits for a "listening" line in the log (a node's HTTP server is up).
    public func waitUntilListening(timeout: Duration = .seconds(120)) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if output.lowercased().contains("listening") { return }
            if let status = exitStatus {
                throw TestSupportError("node exited with \(status) before listening; log:\n\(logTail(3_000))")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        // A starved task may wake only after the deadline: look once more before failing.
        if output.lowercased().contains("listening") { return }
        throw TestSupportError("node did not print a listening line within \(timeout); log:\n\(logTail(3_000))")
    }

    /// SIGKILL: no chance to flush anything.
    public func kill9() {
        guard let process, process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// SIGTERM, then the exit status once it has stopped; -1 if it was never started.
    @discardableResult
    public func terminate() -> Int32 {
        guard let process else { return -1 }
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// SIGTERM, then the exit status, polling without blocking a thread; SIGKILL and -1 after `timeout`.
    public func terminate(timeout: Duration) async -> Int32 {
        guard let process else { return -1 }
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
        if let process, process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}
