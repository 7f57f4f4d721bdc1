import MarketCore
import Testing
@testable import ComputeWorkloads

/// Runs examples/trainers/numpy_mlp.py through the adapter: every invocation is a new process.
@Suite("NumPy example trainer", .enabled(if: Fixtures.numpyAvailable, "python3 with numpy is not installed (pip install numpy)"))
struct NumPyTrainerTests {
    private func workload(segments: Int = 4) throws -> ExternalCommandWorkload {
        try ExternalCommandWorkload(Fixtures.numpyDescription(segments: segments))
    }

    @Test("two runs in separate processes give identical checkpoint hashes, and it learns")
    func replayAcrossProcesses() throws {
        let first = try Trainer(workload: workload()).run()
        let second = try Trainer(workload: workload()).run()
        #expect(first.checkpointHashes == second.checkpointHashes)
        #expect(Set(first.checkpointHashes).count == 5)
        let evaluation = try workload().evaluate(first.finalCheckpoint)
        #expect(evaluation.accuracyBps > 8_000, "NumPy trainer accuracy \(evaluation.accuracyBps) bps")
        #expect(try workload().evaluate(first.checkpoints[0]).accuracyBps < 5_000)
    }

    @Test("the verifier accepts honest NumPy segments and catches tampering and skipping")
    func verification() throws {
        let trainer = try workload(segments: 3)
        let run = try Trainer(workload: trainer).run()
        let verifier = SegmentVerifier(workload: trainer)
        let honest = try verifier.verify(segment: 1, from: run.checkpoints[1].bytes, claimedNext: run.checkpoints[2].hash)
        #expect(honest == .match(run.checkpoints[2].hash))
        // High byte of the first weight: after the 8+32+8+16+16+1+4+4 header and 4 widths of 4 bytes.
        let weightFlip = Fixtures.flipping(run.checkpoints[1].bytes, at: 89 + 16)
        let tampered = try verifier.verify(segment: 1, from: weightFlip, claimedNext: run.checkpoints[2].hash)
        #expect(!tampered.isMatch)
        #expect(tampered.recomputedHash != nil, "the flip should replay to another hash, not fail to decode")
        let skipped = try verifier.verify(segment: 1, from: run.checkpoints[1].bytes, claimedNext: run.checkpoints[3].hash)
        #expect(skipped == .mismatch(recomputed: run.checkpoints[2].hash, claimed: run.checkpoints[3].hash))
        let badMagic = try verifier.verify(segment: 1, from: Fixtures.flipping(run.checkpoints[1].bytes, at: 0), claimedNext: run.checkpoints[2].hash)
        #expect(badMagic.recomputedHash == nil)
        let wrongStep = try verifier.verify(segment: 2, from: run.checkpoints[1].bytes, claimedNext: run.checkpoints[2].hash)
        #expect(wrongStep.recomputedHash == nil)
    }

    @Test("resuming the NumPy trainer mid-run reaches the same final hash")
    func resume() throws {
        let trainer = Trainer(workload: try workload(segments: 3))
        let full = try trainer.run()
        let resumed = try trainer.run(resumingFrom: Array(full.checkpoints.prefix(2)))
        #expect(resumed.resultHash == full.resultHash)
    }
}
