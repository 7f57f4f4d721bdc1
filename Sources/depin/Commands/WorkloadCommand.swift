import ArgumentParser
import ComputeWorkloads
import Foundation

/// `depin workload`: training workload descriptions.
struct WorkloadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workload",
        abstract: "Write and check training workload descriptions.",
        subcommands: [Example.self, Check.self]
    )

    struct Example: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the built-in example workload: a small MLP learning 3-class spirals.",
            discussion: """
                Example:
                  depin workload example --seed 3 > job.json
                  depin job post --workload-file job.json --tier consumer --gpu-hours 10 --max-rate 1 --key alice
                """
        )

        @Option(help: "Seed of the synthetic dataset and the initial weights.")
        var seed: UInt64 = 7

        func run() async throws {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(WorkloadDescription.demo(seed: seed)), as: UTF8.self))
        }
    }

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate a workload file, train it locally and print its commitments.",
            discussion: """
                Runs every segment as a provider would and prints the checkpoint root and result hash
                a proof would carry, with the held-out accuracy.

                Example:
                  depin workload check job.json
                """
        )

        @Argument(help: "Workload description JSON file.")
        var file: String

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: (file as NSString).expandingTildeInPath) else {
                throw ValidationError("Cannot read \(file).")
            }
            let description = try WorkloadDescription.decode(json: Array(data))
            let workload = try WorkloadFactory.make(description)
            let bar = ProgressBar(label: "training")
            let run = try Trainer(workload: workload).run { index, _ in
                bar.update(UInt64(index + 1), of: UInt64(workload.segmentCount))
            }
            bar.finish()
            let evaluation = try workload.evaluate(Checkpoint(bytes: run.checkpoints[run.checkpoints.count - 1].bytes))
            print("workload hash   \(description.canonicalHash.hex)")
            print("segments        \(workload.segmentCount)")
            print("checkpoint root \(run.merkleRoot.hex)")
            print("result hash     \(run.resultHash.hex)")
            print("accuracy        \(Double(evaluation.accuracyBps) / 100)% (held-out)")
        }
    }
}
