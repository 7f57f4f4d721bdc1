import ComputeWorkloads
import Foundation

/// Shared job specs and helpers for the workload tests.
enum Fixtures {
    /// The small job whose checkpoint hashes are pinned: 4 Gaussian clusters in 3 features,
    /// a 3-8-4 MLP, 4 segments of 25 steps.
    static let goldenDescription = WorkloadDescription(
        kind: .mlpV1,
        seed: 20_240_601,
        dataset: DatasetSpec(
            kind: .clusters, classes: 4, features: 3, trainSamples: 200, testSamples: 100,
            noise: FixedDecimal("0.4") ?? .zero),
        model: ModelSpec(hidden: [8]),
        training: TrainingSpec(
            segments: 4, stepsPerSegment: 25, batchSize: 8,
            learningRate: FixedDecimal("0.1") ?? .zero, momentum: FixedDecimal("0.5") ?? .zero))

    /// The repository's examples/trainers folder, found from this file's path.
    static var trainersDirectory: String {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("examples/trainers").path
    }

    /// True when `python3 -c "import numpy"` succeeds.
    static let numpyAvailable: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import numpy"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus == 0
        } catch {
            return false
        }
    }()

    /// An external description running the NumPy example on the demo's spirals, 4 segments of
    /// 150 steps.
    static func numpyDescription(segments: Int = 4) -> WorkloadDescription {
        var description = WorkloadDescription.demo(seed: 7)
        description.kind = .external
        description.training.segments = segments
        description.training.stepsPerSegment = 150
        description.command = ["python3", "numpy_mlp.py"]
        description.workingDirectory = trainersDirectory
        return description
    }

    /// `bytes` with byte `index` XOR 0x01.
    static func flipping(_ bytes: [UInt8], at index: Int) -> [UInt8] {
        var copy = bytes
        copy[index] ^= 0x01
        return copy
    }
}
