import Foundation
import MarketCore
import Testing
@testable import ComputeWorkloads

/// An external description whose trainer is a `/bin/sh` script; the protocol's arguments arrive
/// as $1...: `--workload W (--init | --segment I --checkpoint-in IN | --evaluate --checkpoint-in IN) [--checkpoint-out OUT]`.
private func shellWorkload(_ script: String, configuration: ExternalCommandConfiguration = ExternalCommandConfiguration()) throws -> ExternalCommandWorkload {
    let description = WorkloadDescription(
        kind: .external, seed: 9,
        training: TrainingSpec(segments: 4, stepsPerSegment: 1, batchSize: 1, learningRate: FixedDecimal(integer: 1)),
        command: ["sh", "-c", script, "sh"])
    return try ExternalCommandWorkload(description, configuration: configuration)
}

/// Sets `out` to the last argument (the output checkpoint path).
private let lastArgument = #"for a; do out="$a"; done; "#

@Suite("External command adapter")
struct ExternalCommandWorkloadTests {
    @Test("segments get the canonical workload JSON and the input checkpoint, in protocol order")
    func argumentsAndFiles() throws {
        let workload = try shellWorkload(#"[ "$3" = --segment ] && [ "$5" = --checkpoint-in ] && [ "$7" = --checkpoint-out ] && cat "$2" "$6" > "$8""#)
        let input = Checkpoint(bytes: Array("previous".utf8))
        let output = try workload.runSegment(index: 3, from: input)
        #expect(output.bytes == workload.workloadDescription.canonicalJSON + Array("previous".utf8))
    }

    @Test("init writes checkpoint 0 through --init --checkpoint-out")
    func initProtocol() throws {
        let workload = try shellWorkload(#"[ "$3" = --init ] && [ "$4" = --checkpoint-out ] && printf zero > "$5""#)
        #expect(try workload.initialCheckpoint() == Checkpoint(bytes: Array("zero".utf8)))
    }

    @Test("the determinism environment is set for the trainer")
    func determinismEnvironment() throws {
        let workload = try shellWorkload(lastArgument + #"printf '%s|%s|%s' "$OMP_NUM_THREADS" "$OPENBLAS_NUM_THREADS" "$CUBLAS_WORKSPACE_CONFIG" > "$out""#)
        #expect(String(decoding: try workload.initialCheckpoint().bytes, as: UTF8.self) == "1|1|:4096:8")
    }

    @Test("a relative working directory resolves against the base directory")
    func workingDirectory() throws {
        var description = try shellWorkload(lastArgument + #"pwd -P > "$out""#).workloadDescription
        description.workingDirectory = "trainers"
        let base = URL(fileURLWithPath: Fixtures.trainersDirectory).deletingLastPathComponent().path
        let workload = try ExternalCommandWorkload(description, configuration: ExternalCommandConfiguration(baseDirectory: base))
        let printed = String(decoding: try workload.initialCheckpoint().bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(printed == URL(fileURLWithPath: Fixtures.trainersDirectory).resolvingSymlinksInPath().path)
    }

    @Test("a non-zero exit fails with its status and stderr")
    func failureCarriesStderr() throws {
        let workload = try shellWorkload("echo 'CUDA out of memory' >&2; exit 3")
        #expect(throws: WorkloadError.externalFailed(reason: "init failed", exitCode: 3, stderr: "CUDA out of memory")) {
            try workload.initialCheckpoint()
        }
    }

    @Test("exit 65 means the input checkpoint is invalid, which a verifier counts against the provider")
    func invalidCheckpointExit() throws {
        let workload = try shellWorkload("echo 'bad magic' >&2; exit 65")
        let verdict = try SegmentVerifier(workload: workload).verify(segment: 0, from: [1, 2, 3], claimedNext: .zero)
        #expect(verdict == .invalidCheckpoint(.malformedCheckpoint("trainer rejected the input checkpoint at segment 0: bad magic")))
    }

    @Test("exit 0 without a checkpoint is a protocol failure")
    func missingCheckpoint() throws {
        let workload = try shellWorkload("exit 0")
        #expect { try workload.initialCheckpoint() } throws: { ($0 as? WorkloadError)?.name == "external-command-failed" }
    }

    @Test("a trainer that runs past its limit is killed")
    func timeout() throws {
        let workload = try shellWorkload("echo starting >&2; exec sleep 30", configuration: ExternalCommandConfiguration(timeoutSeconds: 1))
        // The specific error proves the limit fired: left alone, `sleep` would exit 0 with no checkpoint.
        #expect(throws: WorkloadError.externalTimedOut(seconds: 1, stderr: "starting")) { try workload.initialCheckpoint() }
    }

    @Test("oversized checkpoints and chatty output are refused", arguments: ["checkpoint", "stdout", "stderr"])
    func outputLimits(what: String) throws {
        let script = switch what {
        case "checkpoint": lastArgument + #"head -c 100000 /dev/zero > "$out""#
        case "stdout": "head -c 100000 /dev/zero"
        default: "head -c 100000 /dev/zero >&2; exit 1"
        }
        let configuration = ExternalCommandConfiguration(maxCheckpointBytes: 1000, maxStdoutBytes: 1000, maxStderrBytes: 1000)
        let workload = try shellWorkload(script, configuration: configuration)
        #expect(throws: WorkloadError.externalOutputTooLarge(what: what, limitBytes: 1000)) { try workload.initialCheckpoint() }
    }

    @Test("evaluation reads {\"accuracyBps\": N} from stdout")
    func evaluation() throws {
        let workload = try shellWorkload(#"[ "$3" = --evaluate ] && echo '{"accuracyBps": 9125, "loss": "0.2"}'"#)
        #expect(try workload.evaluate(Checkpoint(bytes: [0])) == Evaluation(accuracyBps: 9125, loss: "0.2"))
    }

    @Test("evaluation output that is not the documented JSON is refused", arguments: [
        "accuracy 91%", #"{"accuracyBps": 10001}"#, #"{"accuracyBps": -1}"#, #"{"accuracy": 0.9}"#, #"{"accuracyBps": 0.5}"#,
    ])
    func badEvaluation(stdout: String) {
        #expect { try ExternalCommandWorkload.parseEvaluation(Array(stdout.utf8)) } throws: { ($0 as? WorkloadError)?.name == "invalid-evaluation" }
    }

    @Test("a program that does not exist fails cleanly")
    func missingProgram() throws {
        var description = try shellWorkload("true").workloadDescription
        description.command = ["depin-no-such-trainer-7f3a"]
        let workload = try ExternalCommandWorkload(description)
        #expect { try workload.initialCheckpoint() } throws: { ($0 as? WorkloadError)?.name == "external-command-failed" }
    }
}
