import Foundation
import MarketCore
import Testing
@testable import ComputeWorkloads

/// Hashes of C0...C4 of `Fixtures.goldenDescription`, computed once and pinned. They only change
/// when the checkpoint format, the data generator or the arithmetic changes: any such change
/// breaks every stored proof, so it must come with a new format version.
private let goldenCheckpointHashes = [
    "268b7ff3e780edc284a0c086818c042e9031648d22180e165cec0d84d7accf9c",
    "9f27f279aed5dd7ae19bb53271eea78f9410036042211d05470f0a6062b9e0a4",
    "f32cf72537d14adf604667d5b2b4b11517242aba59f3327fc71cd3e9e2151965",
    "f932650e58c2e6302a6b9471314ce46a97e0e5ec85ed3bf81732dee0ceb39327",
    "fb868e0c2a955509492d3b4c6efa38668d72493aafd035c4a104dc186475bddf",
]
private let goldenMerkleRoot = "93d074962a227217e73d4ee157d1d6ee587d1a9b810d5a7a282310cc5faa5792"
/// Final checkpoint and root of the demo workload (spirals: exercises the sin/cos/exp paths).
private let demoResultHash = "785b2efde04434703f786fe4b204806e7b492c701d037c2e79d72910d52ebb9b"
private let demoMerkleRoot = "823daee69b997ee1d9946f44383b0c384e59f61e4275fe34135ba5b0d08d60a8"

@Suite("mlp-v1 trainer")
struct MLPWorkloadTests {
    @Test("the golden job's checkpoint hashes, Merkle root and result hash match the pinned values")
    func goldenHashes() throws {
        let run = try Trainer(workload: MLPWorkload(Fixtures.goldenDescription)).run()
        #expect(run.checkpointHashes.map(\.hex) == goldenCheckpointHashes)
        #expect(run.merkleRoot.hex == goldenMerkleRoot)
        #expect(run.merkleRoot == MerkleList.root(run.checkpointHashes))
        #expect(run.resultHash.hex == goldenCheckpointHashes[4])
    }

    @Test("training twice in one process gives identical checkpoint bytes")
    func replayIsDeterministic() throws {
        let first = try Trainer(workload: MLPWorkload(Fixtures.goldenDescription)).run()
        let second = try Trainer(workload: MLPWorkload(Fixtures.goldenDescription)).run()
        #expect(first.checkpoints == second.checkpoints)
    }

    @Test("the demo workload learns the spirals far above chance in seconds, and its hashes are pinned")
    func demoLearns() throws {
        let workload = try MLPWorkload(.demo())
        let run = try Trainer(workload: workload).run()
        let before = try workload.evaluate(run.checkpoints[0])
        let after = try workload.evaluate(run.finalCheckpoint)
        #expect(before.accuracyBps < 5_000, "an untrained network should be near chance (3333 bps)")
        #expect(after.accuracyBps > 9_000, "trained accuracy \(after.accuracyBps) bps")
        #expect(after.loss == "0.036117")
        #expect(run.resultHash.hex == demoResultHash)
        #expect(run.merkleRoot.hex == demoMerkleRoot)
    }

    @Test("learning holds across seeds, not just the pinned one", arguments: [UInt64(1), 2, 3])
    func learnsForOtherSeeds(seed: UInt64) throws {
        let workload = try MLPWorkload(.demo(seed: seed))
        let run = try Trainer(workload: workload).run()
        #expect(try workload.evaluate(run.finalCheckpoint).accuracyBps > 8_500)
    }

    @Test("resuming from any stored prefix reaches the same final hash", arguments: [1, 2, 3, 4, 5])
    func resumeFromMiddle(stored: Int) throws {
        let trainer = Trainer(workload: try MLPWorkload(Fixtures.goldenDescription))
        let full = try trainer.run()
        var reported: [Int] = []
        let resumed = try trainer.run(resumingFrom: Array(full.checkpoints.prefix(stored))) { index, _ in reported.append(index) }
        #expect(resumed.checkpoints == full.checkpoints)
        #expect(reported == Array((stored - 1)..<4))
    }

    @Test("resuming refuses a foreign checkpoint 0 and too many checkpoints")
    func resumeRefusesForeignCheckpoints() throws {
        let trainer = Trainer(workload: try MLPWorkload(Fixtures.goldenDescription))
        let demoStart = try MLPWorkload(.demo()).initialCheckpoint()
        #expect(throws: WorkloadError.self) { try trainer.run(resumingFrom: [demoStart]) }
        let full = try trainer.run()
        #expect(throws: WorkloadError.self) { try trainer.run(resumingFrom: full.checkpoints + [full.finalCheckpoint]) }
    }

    @Test("the progress callback sees every segment in order with its checkpoint")
    func progressCallback() throws {
        var seen: [(Int, Hash256)] = []
        let run = try Trainer(workload: MLPWorkload(Fixtures.goldenDescription)).run { index, checkpoint in
            seen.append((index, checkpoint.hash))
        }
        #expect(seen.map(\.0) == [0, 1, 2, 3])
        #expect(seen.map(\.1) == Array(run.checkpointHashes.dropFirst()))
    }

    @Test("a checkpoint carries the workload hash, the step and the batch PRNG state")
    func checkpointLayout() throws {
        let workload = try MLPWorkload(Fixtures.goldenDescription)
        let start = try workload.initialCheckpoint()
        #expect(Array(start.bytes.prefix(6)) == Array("MLPC".utf8) + [0, 1])
        #expect(Hash256(bytes: start.bytes[6..<38]) == Fixtures.goldenDescription.canonicalHash)
        let next = try workload.runSegment(index: 0, from: start)
        #expect(try workload.step(of: next) == 25)
        // 3-8-4: 3*8 + 8 + 8*4 + 4 = 68 parameters, stored twice (momentum) at 8 bytes.
        #expect(next.bytes.count == 4 + 2 + 32 + 8 + 8 + 4 + 3 * 4 + 2 * (4 + 68 * 8))
    }

    @Test("malformed checkpoints are refused, not trained on", arguments: [
        "truncated", "trailing", "magic", "version", "workload", "widths",
    ])
    func malformedCheckpoints(kind: String) throws {
        let workload = try MLPWorkload(Fixtures.goldenDescription)
        let bytes = try workload.initialCheckpoint().bytes
        let broken: [UInt8] = switch kind {
        case "truncated": Array(bytes.dropLast())
        case "trailing": bytes + [0]
        case "magic": Fixtures.flipping(bytes, at: 0)
        case "version": Fixtures.flipping(bytes, at: 5)
        case "workload": Fixtures.flipping(bytes, at: 10)
        default: Fixtures.flipping(bytes, at: 4 + 2 + 32 + 8 + 8 + 4 + 4 + 3)
        }
        #expect {
            try workload.runSegment(index: 0, from: Checkpoint(bytes: broken))
        } throws: { error in
            (error as? WorkloadError)?.name == "malformed-checkpoint"
        }
    }

    @Test("the dataset hash commits to the generated samples and changes with the seed")
    func datasetHash() throws {
        let workload = try MLPWorkload(Fixtures.goldenDescription)
        // 8 header bytes, then (4 + 200 * (3 * 8 + 4)) and (4 + 100 * (3 * 8 + 4)).
        #expect(workload.datasetBytes.count == 8 + 4 + 200 * 28 + 4 + 100 * 28)
        #expect(workload.datasetHash == (try MLPWorkload(Fixtures.goldenDescription)).datasetHash)
        var other = Fixtures.goldenDescription
        other.seed += 1
        #expect(workload.datasetHash != (try MLPWorkload(other)).datasetHash)
    }

    @Test("segment indices outside the schedule are refused")
    func segmentOutOfRange() throws {
        let workload = try MLPWorkload(Fixtures.goldenDescription)
        let start = try workload.initialCheckpoint()
        #expect(throws: WorkloadError.segmentOutOfRange(index: 4, segments: 4)) { try workload.runSegment(index: 4, from: start) }
        #expect(throws: WorkloadError.segmentOutOfRange(index: -1, segments: 4)) { try workload.runSegment(index: -1, from: start) }
    }

    @Test("the factory builds mlp-v1 and refuses invalid descriptions")
    func factory() throws {
        #expect(try WorkloadFactory.make(Fixtures.goldenDescription) is MLPWorkload)
        var invalid = Fixtures.goldenDescription
        invalid.training.segments = 0
        #expect(throws: WorkloadError.self) { try WorkloadFactory.make(invalid) }
    }

    @Test("loss text is rounded half-to-even to six places without Foundation formatting", arguments: [
        (0.0361174, "0.036117"), (1.5, "1.500000"), (2.0000005, "2.000000"), (-0.25, "-0.250000"), (12.3456789, "12.345679"),
    ])
    func lossFormatting(value: Double, text: String) {
        #expect(MLPWorkload.decimalText(value, places: 6) == text)
    }
}
