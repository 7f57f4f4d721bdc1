import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs one program with a wall-clock limit and caps on what it writes, polling from the calling
/// thread. stdout and stderr go to files (no pipe can fill and deadlock) that are checked while it runs.
struct BoundedProcess {
    struct Outcome {
        var exitCode: Int32
        var stdout: [UInt8]
        /// The last bytes of stderr, as text.
        var stderrTail: String
    }

    /// A file the program writes whose size is also bounded (the output checkpoint).
    struct WatchedFile {
        var path: String
        var maxBytes: Int
        var what: String
    }

    let configuration: ExternalCommandConfiguration

    func run(
        arguments: [String], workingDirectory: String, scratch: URL, watching watched: WatchedFile?
    ) throws(WorkloadError) -> Outcome {
        let stdoutURL = scratch.appendingPathComponent("stdout")
        let stderrURL = scratch.appendingPathComponent("stderr")
        let process = Process()
        // `env` finds the program on PATH like a shell would, without a shell.
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory, isDirectory: true)
        var environment = ProcessInfo.processInfo.environment
        environment.merge(configuration.environment) { _, new in new }
        environment.merge(ExternalSegmentProtocol.determinismEnvironment) { _, new in new }
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        guard FileManager.default.createFile(atPath: stdoutURL.path, contents: nil),
              FileManager.default.createFile(atPath: stderrURL.path, contents: nil),
              let stdoutHandle = try? FileHandle(forWritingTo: stdoutURL),
              let stderrHandle = try? FileHandle(forWritingTo: stderrURL)
        else { throw .externalFailed(reason: "cannot create output files in \(scratch.path)", exitCode: nil, stderr: "") }
        defer {
            try? stdoutHandle.close()
            try? stderrHandle.close()
        }
        process.standardOutput = stdoutHandle
        process.standardError = stderrHandle
        do {
            try process.run()
        } catch {
            throw .externalFailed(reason: "cannot start \(arguments.first ?? "?"): \(error)", exitCode: nil, stderr: "")
        }

        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .seconds(configuration.timeoutSeconds))
        var interval: UInt32 = 2_000
        while process.isRunning {
            if clock.now >= deadline {
                stop(process)
                throw .externalTimedOut(seconds: configuration.timeoutSeconds, stderr: tail(of: stderrURL))
            }
            if fileSize(stdoutURL.path) > configuration.maxStdoutBytes {
                stop(process)
                throw .externalOutputTooLarge(what: "stdout", limitBytes: configuration.maxStdoutBytes)
            }
            if fileSize(stderrURL.path) > configuration.maxStderrBytes {
                stop(process)
                throw .externalOutputTooLarge(what: "stderr", limitBytes: configuration.maxStderrBytes)
            }
            if let watched, fileSize(watched.path) > watched.maxBytes {
                stop(process)
                throw .externalOutputTooLarge(what: watched.what, limitBytes: watched.maxBytes)
            }
            usleep(interval)
            interval = min(interval * 2, 50_000)
        }
        process.waitUntilExit()
        // A fast program can exceed a limit between two polls and exit; check once more.
        guard fileSize(stdoutURL.path) <= configuration.maxStdoutBytes else {
            throw .externalOutputTooLarge(what: "stdout", limitBytes: configuration.maxStdoutBytes)
        }
        guard fileSize(stderrURL.path) <= configuration.maxStderrBytes else {
            throw .externalOutputTooLarge(what: "stderr", limitBytes: configuration.maxStderrBytes)
        }
        if let watched, fileSize(watched.path) > watched.maxBytes {
            throw .externalOutputTooLarge(what: watched.what, limitBytes: watched.maxBytes)
        }
        let stdout = (try? Data(contentsOf: stdoutURL)).map { [UInt8]($0) } ?? []
        let status = process.terminationReason == .exit ? process.terminationStatus : 128 + process.terminationStatus
        return Outcome(exitCode: status, stdout: stdout, stderrTail: tail(of: stderrURL))
    }

    /// SIGTERM, a short grace period, then SIGKILL.
    private func stop(_ process: Process) {
        process.terminate()
        var waited = 0
        while process.isRunning && waited < 100 {
            usleep(10_000)
            waited += 1
        }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    private func fileSize(_ path: String) -> Int {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        return (attributes?[.size] as? NSNumber)?.intValue ?? 0
    }

    private func tail(of url: URL) -> String {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return "" }
        defer { try? handle.close() }
        let size = fileSize(url.path)
        let start = max(0, size - configuration.stderrTailBytes)
        try? handle.seek(toOffset: UInt64(start))
        let data = (try? handle.readToEnd()) ?? Data()
        let printable = data.map { byte -> UInt8 in
            byte < 0x20 && byte != 0x0A && byte != 0x09 ? UInt8(ascii: "?") : byte
        }
        return String(decoding: printable, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
