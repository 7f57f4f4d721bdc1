import Foundation
import MarketCore

/// Everything a replayer needs to reproduce a training job bit for bit: the trainer, the seed,
/// the data, the model, the schedule and, for external trainers, the command line.
///
/// Its identity is `canonicalHash`: SHA-256 of `canonicalJSON` (see `CanonicalJSON` for the exact
/// byte rules). Decoding is tolerant (unknown members are ignored, `momentum` defaults to `"0"`),
/// so two documents that mean the same thing hash the same.
public struct WorkloadDescription: Codable, Hashable, Sendable {
    public var kind: WorkloadKind
    public var seed: UInt64
    /// Required for `mlp-v1`; passed through to external trainers that want it.
    public var dataset: DatasetSpec?
    /// Required for `mlp-v1`; passed through to external trainers that want it.
    public var model: ModelSpec?
    public var training: TrainingSpec
    /// External only: the program and its leading arguments (argv, no shell).
    public var command: [String]?
    /// External only: where the program runs; relative paths resolve against the adapter's base
    /// directory.
    public var workingDirectory: String?

    public init(
        kind: WorkloadKind, seed: UInt64, dataset: DatasetSpec? = nil, model: ModelSpec? = nil,
        training: TrainingSpec, command: [String]? = nil, workingDirectory: String? = nil
    ) {
        self.kind = kind
        self.seed = seed
        self.dataset = dataset
        self.model = model
        self.training = training
        self.command = command
        self.workingDirectory = workingDirectory
    }

    /// The canonical JSON value: members sorted, absent optionals omitted, decimals normalized.
    public var canonicalJSONValue: CanonicalJSON {
        var members: [String: CanonicalJSON] = [
            "kind": .string(kind.rawValue),
            "seed": .unsigned(seed),
            "training": training.canonicalJSON,
        ]
        if let dataset { members["dataset"] = dataset.canonicalJSON }
        if let model { members["model"] = model.canonicalJSON }
        if let command { members["command"] = .array(command.map { .string($0) }) }
        if let workingDirectory { members["workingDirectory"] = .string(workingDirectory) }
        return .object(members)
    }

    /// The canonical JSON bytes: what is hashed and what external trainers read.
    public var canonicalJSON: [UInt8] { canonicalJSONValue.bytes }

    /// SHA-256 of `canonicalJSON`; the `workloadHash` of a job spec.
    public var canonicalHash: Hash256 { Hash256.sha256(canonicalJSON) }

    /// Decodes a JSON document (at most `maxDocumentBytes`) and validates it.
    public static func decode(json: [UInt8]) throws(WorkloadError) -> WorkloadDescription {
        guard json.count <= WorkloadLimits.maxDescriptionBytes else {
            throw .invalidDescription(field: "document", reason: "is \(json.count) bytes, more than \(WorkloadLimits.maxDescriptionBytes)")
        }
        let description: WorkloadDescription
        do {
            description = try JSONDecoder().decode(WorkloadDescription.self, from: Data(json))
        } catch {
            throw .invalidDescription(field: "document", reason: "not a workload description: \(error)")
        }
        try description.validate()
        return description
    }
}
