import Foundation

/// Finds NVIDIA GPUs by running nvidia-smi; the command runner is injected so tests replay
/// recorded output.
public enum GPUDetector {
    /// The arguments passed to nvidia-smi.
    public static let queryArguments = ["--query-gpu=name,memory.total,uuid", "--format=csv,noheader,nounits"]

    /// Runs nvidia-smi and returns its stdout, or nil when it is not installed or fails.
    public typealias Runner = @Sendable () -> String?

    /// Parsed GPUs, or nil when the runner returns nothing or no line names a GPU.
    public static func detect(runner: Runner = runNvidiaSMI) -> DetectedHardware? {
        guard let output = runner() else { return nil }
        let parsed = NvidiaSMIOutput(parsing: output)
        guard !parsed.gpus.isEmpty else { return nil }
        return DetectedHardware(gpus: parsed.gpus)
    }

    /// Runs `nvidia-smi` from PATH with a 10 second limit; nil when absent, failing or too chatty.
    @Sendable public static func runNvidiaSMI() -> String? {
        guard let executable = findOnPath("nvidia-smi") else { return nil }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("depin-nvidia-smi-\(UUID().uuidString)", isDirectory: true)
        guard (try? FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)) != nil else { return nil }
        defer { try? FileManager.default.removeItem(at: scratch) }
        let configuration = ExternalCommandConfiguration(
            baseDirectory: scratch.path, timeoutSeconds: 10, maxStdoutBytes: NvidiaSMIOutput.maxBytes, maxStderrBytes: 64 * 1024)
        guard let outcome = try? BoundedProcess(configuration: configuration)
            .run(arguments: [executable] + queryArguments, workingDirectory: scratch.path, scratch: scratch, watching: nil),
            outcome.exitCode == 0
        else { return nil }
        return String(decoding: outcome.stdout, as: UTF8.self)
    }

    static func findOnPath(_ program: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") where !directory.isEmpty {
            let candidate = "\(directory)/\(program)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
