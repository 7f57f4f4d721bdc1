import ArgumentParser
import MarketClient
import MarketCore

/// `depin proof`: commit to training work and vote on it.
struct ProofCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "proof",
        abstract: "Submit proofs of training and committee votes.",
        discussion: """
            The provider commits to the Merkle root of its checkpoint hashes and the result hash. \
            The next block draws a committee; each member re-executes its sampled segments and votes \
            with the hashes it recomputed.

            Example:
              depin proof submit 1 --assignment 0 --checkpoint-root <64 hex> --result-hash <64 hex> --key gpu-box
              depin proof verify 1 --assignment 0 --approve --evidence 3:<start hex>:<end hex> --key v1
            """,
        subcommands: [Submit.self, Verify.self]
    )

    struct Submit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Commit to an assignment's checkpoints (submit-proof).",
            discussion: """
                --segments defaults to the job's segment count.

                Example:
                  depin proof submit 1 --assignment 0 --checkpoint-root 9f86d0... --result-hash 2c26b4... --key gpu-box
                """
        )

        @Argument(help: "Job id.")
        var job: UInt64

        @Option(help: "Assignment index (see `depin job show`).")
        var assignment: UInt32 = 0

        @Option(name: .customLong("checkpoint-root"), help: "Merkle root of the checkpoint hashes C0...Cn (64 hex).")
        var checkpointRoot: String

        @Option(name: .customLong("result-hash"), help: "Hash of the final checkpoint, the trained model (64 hex).")
        var resultHash: String

        @Option(help: "Number of segments trained (the job's segment count).")
        var segments: UInt32?

        @OptionGroup var options: ClientOptions

        func validate() throws {
            let root = try Parse.hash(checkpointRoot, "--checkpoint-root")
            let result = try Parse.hash(resultHash, "--result-hash")
            guard root != .zero, result != .zero else {
                throw ValidationError("--checkpoint-root and --result-hash must not be all zeros.")
            }
            if let segments { try Parse.positive(segments, "--segments") }
        }

        func run() async throws {
            try await reportingErrors(json: options.json) {
                let id = JobID(job)
                let count: UInt32
                if let segments {
                    count = segments
                } else {
                    count = try await options.client().job(id).spec.segmentCount
                }
                let body = TransactionBody.submitProof(
                    id, assignment: assignment, checkpointRoot: try Parse.hash(checkpointRoot, "--checkpoint-root"),
                    resultHash: try Parse.hash(resultHash, "--result-hash"), segmentCount: count)
                try await options.execute(body) { _ in
                    "proof submitted; the committee is drawn in the next block (`depin job show \(job)`)"
                }
            }
        }
    }

    /// `--approve` or `--reject`.
    enum Decision: String, EnumerableFlag {
        case approve
        case reject

        static func help(for value: Decision) -> ArgumentHelp? {
            switch value {
            case .approve: "The recomputed segments match the provider's checkpoints."
            case .reject: "At least one recomputed segment does not match."
            }
        }
    }

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Vote on a proof as a committee member (verify-proof).",
            discussion: """
                Give one --evidence per segment you must cover, in ascending order, as \
                SEGMENT:START_HASH:END_HASH: the hash of checkpoint SEGMENT as fetched and the hash \
                you obtained by replaying the segment. In the sampling phase those are your own \
                `segments`; in a dispute they are the assignment's `disputedSegments` \
                (`depin job show JOB --json` lists both and the `phase`).

                Example:
                  depin proof verify 1 --assignment 0 --approve --key v1 \\
                    --evidence 2:<64 hex>:<64 hex> --evidence 5:<64 hex>:<64 hex>
                """
        )

        @Argument(help: "Job id.")
        var job: UInt64

        @Option(help: "Assignment index.")
        var assignment: UInt32 = 0

        @Flag(help: "Your verdict.")
        var decision: Decision

        @Option(help: "SEGMENT:START_HASH:END_HASH (repeat once per challenged segment).")
        var evidence: [String] = []

        @OptionGroup var options: ClientOptions

        func validate() throws {
            guard !evidence.isEmpty else { throw ValidationError("Give at least one --evidence SEGMENT:START:END.") }
            guard evidence.count <= 64 else { throw ValidationError("At most 64 --evidence entries.") }
            let parsed = try evidence.map(Parse.evidence)
            let segments = parsed.map(\.segment)
            guard segments == segments.sorted(), Set(segments).count == segments.count else {
                throw ValidationError("--evidence segments must be distinct and in ascending order.")
            }
        }

        func run() async throws {
            try await reportingErrors(json: options.json) {
                let body = TransactionBody.verifyProof(
                    JobID(job), assignment: assignment, approve: decision == .approve, evidence: try evidence.map(Parse.evidence))
                try await options.execute(body) { receipt in
                    if let verified = receipt.event(.assignmentVerified) {
                        return "assignment verified: the provider may claim \(verified.payout.map(Format.tokens) ?? "?") tokens"
                    }
                    if receipt.event(.assignmentRejected) != nil { return "assignment rejected: the provider was slashed" }
                    if receipt.event(.disputeOpened) != nil { return "a rejection opened a dispute: every member re-checks the disputed segments" }
                    return "vote recorded"
                }
            }
        }
    }
}
