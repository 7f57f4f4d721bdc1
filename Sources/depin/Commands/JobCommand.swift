import Foundation
import ComputeWorkloads
import ArgumentParser
import MarketAPI
import MarketClient
import MarketCore

/// `depin job`: post and follow training jobs.
struct JobCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "job",
        abstract: "Post, match, accept, cancel and inspect training jobs.",
        discussion: """
            Posting escrows the budget. Matching (anyone may trigger it) assigns the job to the \
            cheapest eligible provider; the client is refunded whatever the verified work did not cost.

            Example:
              depin job post --tier consumer --gpus 1 --memory-gb 16 --gpu-hours 10 --max-rate 0.3 --workload mnist-mlp --key alice
              depin job match 1 --key alice
              depin job show 1
            """,
        subcommands: [Post.self, Match.self, Accept.self, Cancel.self, Show.self, List.self, Cost.self]
    )

    struct Post: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Post a training job and escrow its budget (post-job).",
            discussion: """
                The workload, model and dataset are named by hashes. Give them with --workload-hash, \
                --model-hash and --dataset-hash, or give --workload NAME and each missing hash \
                defaults to the SHA-256 of "NAME", "NAME/model" and "NAME/dataset". The budget \
                defaults to gpu-hours x max-rate and must cover the tier's reference cost.

                Example:
                  depin job post --tier prosumer --gpus 2 --memory-gb 24 --gpu-hours 20 --max-rate 0.6 \\
                    --budget 12 --segments 16 --workload resnet-cifar --key alice
                """
        )

        @Option(help: "Minimum GPU tier: consumer, prosumer or datacenter.")
        var tier: String

        @Option(help: "GPUs per assignment.")
        var gpus: UInt32 = 1

        @Option(name: .customLong("memory-gb"), help: "Memory per GPU in GB.")
        var memoryGB: UInt32 = 8

        @Option(name: .customLong("gpu-hours"), help: "Total GPU-hours (GPUs x hours).")
        var gpuHours: UInt64

        @Option(name: .customLong("max-rate"), help: "Highest price per GPU-hour in tokens.")
        var maxRate: String

        @Option(help: "Tokens to escrow (default gpu-hours x max-rate).")
        var budget: String?

        @Option(help: "Training segments per assignment (checkpoints C0...Cn).")
        var segments: UInt32 = 8

        @Option(help: "Workload name; missing hashes are derived from it.")
        var workload: String?

        @Option(name: .customLong("workload-hash"), help: "SHA-256 of the workload description (64 hex).")
        var workloadHash: String?

        @Option(name: .customLong("model-hash"), help: "SHA-256 of the initial model (64 hex).")
        var modelHash: String?

        @Option(name: .customLong("dataset-hash"), help: "SHA-256 of the dataset (64 hex).")
        var datasetHash: String?

        @Option(name: .customLong("dataset-size"), help: "Dataset size in bytes.")
        var datasetSize: UInt64 = 0

        @Option(name: .customLong("workload-file"),
                help: "A workload description JSON (see `depin workload example`): uploaded to the node, and the workload, model and dataset hashes, dataset size and segment count are taken from it.")
        var workloadFile: String?

        @OptionGroup var options: ClientOptions

        func validate() throws {
            _ = try Parse.tier(tier)
            try Parse.positive(gpus, "--gpus")
            try Parse.positive(memoryGB, "--memory-gb")
            try Parse.positive(gpuHours, "--gpu-hours")
            try Parse.positive(segments, "--segments")
            _ = try Parse.amount(maxRate, "--max-rate")
            if let budget { _ = try Parse.amount(budget, "--budget") }
            if let workload, workload.isEmpty { throw ValidationError("--workload must not be empty.") }
            if workloadFile == nil, workload == nil, workloadHash == nil || modelHash == nil || datasetHash == nil {
                throw ValidationError("Give --workload-file FILE, --workload NAME, or all of --workload-hash, --model-hash and --dataset-hash.")
            }
            _ = try spec()
            _ = try budgetAmount()
        }

        static func derivedHash(_ text: String) -> Hash256 {
            Hash256.sha256(Array(text.utf8))
        }

        func spec() throws -> JobSpec {
            let name = workload ?? ""
            return JobSpec(
                workloadHash: try workloadHash.map { try Parse.hash($0, "--workload-hash") } ?? Post.derivedHash(name),
                modelHash: try modelHash.map { try Parse.hash($0, "--model-hash") } ?? Post.derivedHash(name + "/model"),
                datasetHash: try datasetHash.map { try Parse.hash($0, "--dataset-hash") } ?? Post.derivedHash(name + "/dataset"),
                datasetSizeBytes: datasetSize, gpuCount: gpus, tier: try Parse.tier(tier), memoryPerGPUGB: memoryGB,
                gpuHours: gpuHours, maxRatePerGPUHour: try Parse.amount(maxRate, "--max-rate"), segmentCount: segments)
        }

        func budgetAmount() throws -> Amount {
            if let budget { return try Parse.amount(budget, "--budget") }
            do {
                return try Parse.amount(maxRate, "--max-rate").multiplied(by: gpuHours)
            } catch {
                throw ValidationError("--gpu-hours x --max-rate overflows; give a smaller value.")
            }
        }

        /// The spec for a real workload file: its hashes, dataset size and segment count.
        func spec(fromWorkloadFile path: String) async throws -> JobSpec {
            guard let data = FileManager.default.contents(atPath: (path as NSString).expandingTildeInPath) else {
                throw ValidationError("Cannot read --workload-file \(path).")
            }
            let description = try WorkloadDescription.decode(json: Array(data))
            let workload = try WorkloadFactory.make(description)
            var spec = try spec()
            spec.workloadHash = description.canonicalHash
            spec.modelHash = try workload.initialCheckpoint().hash
            if let mlp = workload as? MLPWorkload {
                spec.datasetHash = mlp.datasetHash
                spec.datasetSizeBytes = UInt64(mlp.datasetBytes.count)
            }
            spec.segmentCount = UInt32(workload.segmentCount)
            try await options.client().uploadBlob(description.canonicalJSON, signedBy: try options.signer())
            return spec
        }

        func run() async throws {
            try await reportingErrors(json: options.json) {
                let spec = if let workloadFile { try await spec(fromWorkloadFile: workloadFile) } else { try spec() }
                try await options.execute(.postJob(spec: spec, budget: try budgetAmount())) { receipt in
                    receipt.event(.jobPosted)?.job.map { "job \($0) posted; match it with `depin job match \($0)`" }
                }
            }
        }
    }

    struct Match: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Assign a pending job to the best eligible provider (match-job); anyone may call it.",
            discussion: "Example:\n  depin job match 1 --key alice"
        )

        @Argument(help: "Job id.")
        var job: UInt64

        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await reportingErrors(json: options.json) {
                let client = try options.client()
                let id = JobID(job)
                try await options.execute(.matchJob(id), summary: { receipt in
                    receipt.event(.jobMatched).map { event in
                        "matched to \(Format.address(event.provider)) at \(event.rate.map(Format.tokens) ?? "?") per GPU-hour, "
                            + "assignment \(event.assignment.map(String.init) ?? "?")"
                    }
                }, explain: { error in
                    guard error.code == MarketError.noEligibleProvider.code, let report = try? await client.eligibility(id) else {
                        return nil
                    }
                    return MatchExplanation.render(report)
                })
            }
        }
    }

    struct Accept: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Take GPU-hours of a pending job as a provider (accept-job).",
            discussion: "Example:\n  depin job accept 1 --gpu-hours 5 --key gpu-box"
        )

        @Argument(help: "Job id.")
        var job: UInt64

        @Option(name: .customLong("gpu-hours"), help: "GPU-hours to take on.")
        var gpuHours: UInt64

        @OptionGroup var options: ClientOptions

        func validate() throws {
            try Parse.positive(gpuHours, "--gpu-hours")
        }

        func run() async throws {
            try await reportingErrors(json: options.json) {
                try await options.execute(.acceptJob(JobID(job), gpuHours: gpuHours)) { receipt in
                    receipt.event(.jobMatched)?.assignment.map { "accepted as assignment \($0)" }
                }
            }
        }
    }

    struct Cancel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Cancel a pending job without assignments and get the budget back (cancel-job).",
            discussion: "Example:\n  depin job cancel 1 --key alice"
        )

        @Argument(help: "Job id.")
        var job: UInt64

        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await reportingErrors(json: options.json) {
                try await options.execute(.cancelJob(JobID(job))) { receipt in
                    receipt.event(.jobCancelled)?.refund.map { "cancelled; refunded \(Format.tokens($0)) tokens" }
                }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a job with its money, assignments, results, committees and votes (get-job-details).",
            discussion: """
                With --evaluate, downloads the job's workload description and its verified model \
                (both checked against their hashes) and measures the model's held-out accuracy here.

                Examples:
                  depin job show 1
                  depin job show 1 --evaluate
                  depin job show 1 --json
                """
        )

        @Argument(help: "Job id.")
        var job: UInt64

        @Flag(help: "Download the verified model and measure its held-out accuracy.")
        var evaluate = false

        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await reportingErrors(json: options.json) {
                let client = try options.client()
                let view = try await client.job(JobID(job))
                if options.json {
                    try Output.printJSON(view)
                    return
                }
                var accuracy: Int?
                if evaluate {
                    guard let result = view.assignments.last(where: { $0.status == .verified })?.resultHash else {
                        throw CLIError(.failed, "not-verified", "Job \(job) has no verified model to evaluate yet.",
                                       hint: "`depin job show \(job)` shows where its assignments stand.")
                    }
                    let description = try WorkloadDescription.decode(json: try await client.downloadBlob(view.spec.workloadHash))
                    let workload = try WorkloadFactory.make(description)
                    accuracy = try workload.evaluate(Checkpoint(bytes: try await client.downloadBlob(result))).accuracyBps
                }
                print(JobCommand.render(view, accuracyBps: accuracy))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List jobs, optionally by status, client or provider.",
            discussion: "Example:\n  depin job list --status pending\n  depin job list --client alice"
        )

        @Option(help: "pending, active, completed, cancelled or expired.")
        var status: String?

        @Option(help: "Client address or key name.")
        var client: String?

        @Option(help: "Provider address or key name.")
        var provider: String?

        @Option(help: "Skip this many jobs.")
        var offset: Int?

        @Option(help: "At most this many jobs.")
        var limit: Int?

        @OptionGroup var options: ClientOptions

        func validate() throws {
            if let status, APIJobStatus(known: status) == nil {
                throw ValidationError("--status must be one of \(APIJobStatus.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            if let client { try Parse.checkAddressOrKeyName(client, "--client") }
            if let provider { try Parse.checkAddressOrKeyName(provider, "--provider") }
            if let offset, offset < 0 { throw ValidationError("--offset must not be negative.") }
            if let limit, limit < 1 { throw ValidationError("--limit must be at least 1.") }
        }

        func run() async throws {
            try await reportingErrors(json: options.json) {
                let filter = JobFilter(
                    status: status.flatMap { APIJobStatus(known: $0) },
                    client: try client.map { try options.address($0) }, provider: try provider.map { try options.address($0) },
                    offset: offset, limit: limit)
                let page = try await options.client().jobs(filter)
                if options.json {
                    try Output.printJSON(page)
                    return
                }
                var table = Table([
                    .init("JOB", .right), .init("STATUS"), .init("CLIENT"), .init("TIER"), .init("GPUS", .right),
                    .init("GPU-H", .right), .init("MAX RATE", .right), .init("BUDGET", .right), .init("PAID", .right),
                    .init("ASSIGNMENTS", .right),
                ])
                for job in page.items {
                    table.append([
                        job.id.description, job.status.rawValue, Format.address(job.client), job.spec.tier.description,
                        String(job.spec.gpuCount), String(job.spec.gpuHours), Format.tokens(job.spec.maxRatePerGPUHour),
                        Format.tokens(job.budget), Format.tokens(job.paid), String(job.assignments.count),
                    ])
                }
                print(table.render(empty: "no jobs match"))
                printPageFooter(page)
            }
        }
    }

    struct Cost: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Quote a job's cost, platform fee and provider payout (calculate-job-cost).",
            discussion: "Example:\n  depin job cost --gpu-hours 10 --tier prosumer --rate 0.45"
        )

        @Option(name: .customLong("gpu-hours"), help: "GPU-hours (GPUs x hours).")
        var gpuHours: UInt64

        @Option(help: "GPU tier.")
        var tier: String

        @Option(help: "Price per GPU-hour in tokens (default: the tier's reference rate).")
        var rate: String?

        @OptionGroup var options: ClientOptions

        func validate() throws {
            try Parse.positive(gpuHours, "--gpu-hours")
            _ = try Parse.tier(tier)
            if let rate { _ = try Parse.amount(rate, "--rate") }
        }

        func run() async throws {
            try await reportingErrors(json: options.json) {
                let quote = try await options.client().cost(
                    gpuHours: gpuHours, tier: try Parse.tier(tier), rate: try rate.map { try Parse.amount($0, "--rate") })
                if options.json {
                    try Output.printJSON(quote)
                    return
                }
                var details = Details()
                details.append("gpu-hours", String(quote.gpuHours))
                details.append("tier", quote.tier.description)
                details.append("rate", "\(Format.tokens(quote.ratePerGPUHour)) per GPU-hour")
                details.append("cost", Format.tokens(quote.cost))
                details.append("platform fee", Format.tokens(quote.platformFee))
                details.append("provider payout", Format.tokens(quote.providerPayout))
                details.append("reference cost", "\(Format.tokens(quote.referenceCost)) (minimum budget)")
                print(details.render())
            }
        }
    }
}
