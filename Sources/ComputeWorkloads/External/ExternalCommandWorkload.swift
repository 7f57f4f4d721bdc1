import Foundation
import MarketCore

/// Runs any program that honours `ExternalSegmentProtocol` (a NumPy or PyTorch script, a binary),
/// one process per init, segment or evaluation, within the configuration's limits.
///
/// The adapter treats checkpoints as opaque bytes; determinism is the trainer's job (see
/// docs/WORKLOADS.md). Each invocation gets a fresh scratch folder holding the canonical workload
/// JSON, the input checkpoint and the outputs, removed afterwards.
public struct ExternalCommandWorkload: Workload {
    public let workloadDescription: WorkloadDescription
    public let configuration: ExternalCommandConfiguration
    let command: [String]
    let workingDirectory: String

    public init(_ description: WorkloadDescription, configuration: ExternalCommandConfiguration = ExternalCommandConfiguration()) throws(WorkloadError) {
        try description.validate()
        guard description.kind == .external, let command = description.command else {
            throw .invalidDescription(field: "kind", reason: "must be external for ExternalCommandWorkload")
        }
        workloadDescription = description
        self.configuration = configuration
        self.command = command
        let base = URL(fileURLWithPath: configuration.baseDirectory, isDirectory: true)
        if let directory = description.workingDirectory {
            workingDirectory = directory.hasPrefix("/") ? directory : base.appendingPathComponent(directory).standardizedFileURL.path
        } else {
            workingDirectory = base.standardizedFileURL.path
        }
    }

    public func initialCheckpoint() throws(WorkloadError) -> Checkpoint {
        try invoke(input: nil, flags: [ExternalSegmentProtocol.initFlag], producesCheckpoint: true) { outcome, output throws(WorkloadError) in
            try checkpoint(from: outcome, output: output, step: "init")
        }
    }

    public func runSegment(index: Int, from checkpoint: Checkpoint) throws(WorkloadError) -> Checkpoint {
        try checkSegmentIndex(index)
        return try invoke(input: checkpoint, flags: [ExternalSegmentProtocol.segmentFlag, String(index)], producesCheckpoint: true) {
            outcome, output throws(WorkloadError) in
            try self.checkpoint(from: outcome, output: output, step: "segment \(index)")
        }
    }

    public func evaluate(_ checkpoint: Checkpoint) throws(WorkloadError) -> Evaluation {
        try invoke(input: checkpoint, flags: [ExternalSegmentProtocol.evaluateFlag], producesCheckpoint: false) { outcome, _ throws(WorkloadError) in
            try requireSuccess(outcome, step: "evaluate")
            return try ExternalCommandWorkload.parseEvaluation(outcome.stdout)
        }
    }

    /// Parses `{"accuracyBps": N, "loss": "..."}` (other members ignored; loss optional).
    static func parseEvaluation(_ stdout: [UInt8]) throws(WorkloadError) -> Evaluation {
        struct Report: Decodable {
            var accuracyBps: Int
            var loss: String?
        }
        let text = String(decoding: stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let report = try? JSONDecoder().decode(Report.self, from: Data(text.utf8)) else {
            throw .invalidEvaluation("expected {\"accuracyBps\": N} on stdout, got \(text.prefix(200).debugDescription)")
        }
        guard (0...10_000).contains(report.accuracyBps) else {
            throw .invalidEvaluation("accuracyBps \(report.accuracyBps) is outside 0...10000")
        }
        if let loss = report.loss, loss.utf8.count > 64 { throw .invalidEvaluation("loss text longer than 64 bytes") }
        return Evaluation(accuracyBps: report.accuracyBps, loss: report.loss)
    }

    private func invoke<Result>(
        input: Checkpoint?, flags: [String], producesCheckpoint: Bool,
        _ finish: (BoundedProcess.Outcome, URL) throws(WorkloadError) -> Result
    ) throws(WorkloadError) -> Result {
        let scratchRoot = configuration.scratchDirectory.map { URL(fileURLWithPath: $0, isDirectory: true) }
            ?? FileManager.default.temporaryDirectory
        let scratch = scratchRoot.appendingPathComponent("depin-workload-\(UUID().uuidString)", isDirectory: true)
        let workloadURL = scratch.appendingPathComponent("workload.json")
        let inputURL = scratch.appendingPathComponent("checkpoint-in.bin")
        let outputURL = scratch.appendingPathComponent("checkpoint-out.bin")
        do {
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            try Data(workloadDescription.canonicalJSON).write(to: workloadURL)
            if let input { try Data(input.bytes).write(to: inputURL) }
        } catch {
            try? FileManager.default.removeItem(at: scratch)
            throw .externalFailed(reason: "cannot prepare scratch folder \(scratch.path): \(error)", exitCode: nil, stderr: "")
        }
        defer { try? FileManager.default.removeItem(at: scratch) }
        var arguments = command + [ExternalSegmentProtocol.workloadFlag, workloadURL.path] + flags
        if input != nil { arguments += [ExternalSegmentProtocol.checkpointInFlag, inputURL.path] }
        if producesCheckpoint { arguments += [ExternalSegmentProtocol.checkpointOutFlag, outputURL.path] }
        let watched = producesCheckpoint
            ? BoundedProcess.WatchedFile(path: outputURL.path, maxBytes: configuration.maxCheckpointBytes, what: "checkpoint")
            : nil
        let outcome = try BoundedProcess(configuration: configuration)
            .run(arguments: arguments, workingDirectory: workingDirectory, scratch: scratch, watching: watched)
        return try finish(outcome, outputURL)
    }

    private func checkpoint(from outcome: BoundedProcess.Outcome, output: URL, step: String) throws(WorkloadError) -> Checkpoint {
        try requireSuccess(outcome, step: step)
        let attributes = try? FileManager.default.attributesOfItem(atPath: output.path)
        guard let size = (attributes?[.size] as? NSNumber)?.intValue else {
            throw .externalFailed(reason: "\(step) exited 0 but wrote no checkpoint", exitCode: 0, stderr: outcome.stderrTail)
        }
        guard size <= configuration.maxCheckpointBytes else {
            throw .externalOutputTooLarge(what: "checkpoint", limitBytes: configuration.maxCheckpointBytes)
        }
        guard let data = try? Data(contentsOf: output) else {
            throw .externalFailed(reason: "cannot read the checkpoint \(step) wrote", exitCode: 0, stderr: outcome.stderrTail)
        }
        return Checkpoint(bytes: [UInt8](data))
    }

    private func requireSuccess(_ outcome: BoundedProcess.Outcome, step: String) throws(WorkloadError) {
        switch outcome.exitCode {
        case 0: return
        case ExternalSegmentProtocol.invalidCheckpointExitCode:
            throw .malformedCheckpoint("trainer rejected the input checkpoint at \(step): \(outcome.stderrTail)")
        default:
            throw .externalFailed(reason: "\(step) failed", exitCode: outcome.exitCode, stderr: outcome.stderrTail)
        }
    }
}
