import MarketCore
import Testing
@testable import ComputeWorkloads

@Suite("Segment verification")
struct SegmentVerifierTests {
    private static let run: TrainingRun? = try? Trainer(workload: MLPWorkload(Fixtures.goldenDescription)).run()

    private func honestRun() throws -> TrainingRun {
        try #require(Self.run)
    }

    @Test("every honest segment replays to the claimed hash", arguments: 0..<4)
    func honestSegmentsMatch(index: Int) throws {
        let run = try honestRun()
        let verifier = try SegmentVerifier(description: Fixtures.goldenDescription)
        let verdict = try verifier.verify(
            segment: index, from: run.checkpoints[index].bytes, startHash: run.checkpoints[index].hash,
            claimedNext: run.checkpoints[index + 1].hash)
        #expect(verdict == .match(run.checkpoints[index + 1].hash))
        #expect(verdict.isMatch)
    }

    /// High bytes (sign and exponent) of parameters 0, 10, 40, 67 and of momentum value 5 of the
    /// golden 3-8-4 model. (A flip in the lowest mantissa bit of a momentum value can round away
    /// and replay to the honest C_i+1; that C_i is then as good as the honest one, and the
    /// segment before it fails instead.)
    @Test("a flipped byte in the weights or momentum of C_i changes the replayed C_i+1", arguments: [74, 154, 394, 610, 662])
    func tamperedStartIsCaught(offset: Int) throws {
        let run = try honestRun()
        let verifier = try SegmentVerifier(description: Fixtures.goldenDescription)
        let tampered = Fixtures.flipping(run.checkpoints[2].bytes, at: offset)
        let verdict = try verifier.verify(segment: 2, from: tampered, claimedNext: run.checkpoints[3].hash)
        #expect(!verdict.isMatch)
        if case .mismatch(let recomputed, let claimed) = verdict {
            #expect(recomputed != claimed)
            #expect(recomputed == (try MLPWorkload(Fixtures.goldenDescription).runSegment(index: 2, from: Checkpoint(bytes: tampered))).hash)
        } else {
            Issue.record("expected a mismatch, got \(verdict)")
        }
    }

    @Test("a C_i with any byte flipped no longer hashes to its commitment and is rejected before replay",
          arguments: Array(stride(from: 0, to: 1166, by: 53)))
    func tamperedAgainstCommitment(offset: Int) throws {
        let run = try honestRun()
        let verifier = try SegmentVerifier(description: Fixtures.goldenDescription)
        let verdict = try verifier.verify(
            segment: 1, from: Fixtures.flipping(run.checkpoints[1].bytes, at: offset), startHash: run.checkpoints[1].hash,
            claimedNext: run.checkpoints[2].hash)
        #expect(verdict.recomputedHash == nil)
        #expect(!verdict.isMatch)
    }

    @Test("a tampered claimed C_i+1 is a mismatch carrying the honest hash as evidence")
    func tamperedResultIsCaught() throws {
        let run = try honestRun()
        let verifier = try SegmentVerifier(description: Fixtures.goldenDescription)
        let forged = Checkpoint(bytes: Fixtures.flipping(run.checkpoints[2].bytes, at: 300)).hash
        let verdict = try verifier.verify(segment: 1, from: run.checkpoints[1].bytes, claimedNext: forged)
        #expect(verdict == .mismatch(recomputed: run.checkpoints[2].hash, claimed: forged))
    }

    @Test("a skipped segment (C_i+2 claimed as C_i+1) is a mismatch")
    func skippedSegmentIsCaught() throws {
        let run = try honestRun()
        let verifier = try SegmentVerifier(description: Fixtures.goldenDescription)
        let verdict = try verifier.verify(segment: 1, from: run.checkpoints[1].bytes, claimedNext: run.checkpoints[3].hash)
        #expect(verdict == .mismatch(recomputed: run.checkpoints[2].hash, claimed: run.checkpoints[3].hash))
    }

    @Test("a checkpoint from another segment (C_i+1 offered as C_i) is refused as the wrong step")
    func checkpointFromWrongSegment() throws {
        let run = try honestRun()
        let verifier = try SegmentVerifier(description: Fixtures.goldenDescription)
        let verdict = try verifier.verify(segment: 2, from: run.checkpoints[1].bytes, claimedNext: run.checkpoints[2].hash)
        #expect(verdict == .invalidCheckpoint(.wrongSegment(index: 2, expectedStep: 50, checkpointStep: 25)))
    }

    @Test("checkpoints of another job do not verify")
    func foreignCheckpoint() throws {
        let run = try honestRun()
        var other = Fixtures.goldenDescription
        other.seed += 1
        let verifier = try SegmentVerifier(description: other)
        let verdict = try verifier.verify(segment: 0, from: run.checkpoints[0].bytes, claimedNext: run.checkpoints[1].hash)
        guard case .invalidCheckpoint(let error) = verdict else {
            Issue.record("expected invalidCheckpoint, got \(verdict)")
            return
        }
        #expect(error.name == "malformed-checkpoint")
    }
}
