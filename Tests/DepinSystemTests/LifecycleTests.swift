import DepinTestSupport
import Foundation
import MarketAPI
import MarketCore
import Testing

/// The whole market through the real `depin` binary: keys, a development genesis, a node as a
/// child process, then every role's commands until the provider is paid and money is conserved.
@Suite("Black-box lifecycle through the depin CLI", .serialized)
struct LifecycleTests {
    struct KeyEntry: Decodable {
        var name: String
        var address: String
    }

    static let validatorNames = ["v1", "v2", "v3", "v4", "v5"]

    @Test("post, match, prove, verify by the whole committee, claim: balances add up and money is conserved",
          .timeLimit(.minutes(10)))
    func fullJobLifecycle() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("depin-lifecycle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let keysDirectory = root.appendingPathComponent("keys")
        let dataDirectory = root.appendingPathComponent("data")
        let genesisFile = root.appendingPathComponent("genesis.json")
        let port = try freeLoopbackPort()
        let cli = DepinCLI(keysDirectory: keysDirectory, nodeURL: "http://127.0.0.1:\(port)", scratch: root)

        // Keys and a development genesis.
        for name in ["client", "provider"] + Self.validatorNames {
            try await cli.succeed(["keys", "new", name])
        }
        let keyList = try await cli.succeed(["keys", "list", "--json"]).json([KeyEntry].self)
        let nameByAddress = Dictionary(uniqueKeysWithValues: keyList.map { ($0.address, $0.name) })
        #expect(nameByAddress.count == 7)
        var genesisArguments = ["genesis", "new", "--dev", "--chain-id", "depin-lifecycle", "--out", genesisFile.path,
                                "--fund", "client=1000", "--fund", "provider=1000"]
        for name in Self.validatorNames { genesisArguments += ["--fund", "\(name)=50", "--validator", "\(name)=100"] }
        try await cli.succeed(genesisArguments)

        // The node.
        let node = DepinProcess(
            arguments: ["node", "start", "--data-dir", dataDirectory.path, "--port", String(port), "--genesis", genesisFile.path,
                        "--block-interval-ms", "100"],
            log: root.appendingPathComponent("node.log"))
        try node.start()
        try await node.waitUntilListening()

        // A second node on the same port says so before it creates anything.
        let second = root.appendingPathComponent("second-data")
        let busy = try await cli.run([
            "node", "start", "--data-dir", second.path, "--port", String(port), "--genesis", genesisFile.path,
        ])
        #expect(busy.status != 0)
        #expect(busy.stderr.contains("cannot listen on 127.0.0.1:\(port): the port is in use by another process"), "\(busy.transcript)")
        #expect(!FileManager.default.fileExists(atPath: second.path))

        let parameters = MarketParameters()
        let fee = parameters.minimumTransactionFee
        let clientStart = try await cli.succeed(["account", "client", "--json"]).json(AccountView.self)
        #expect(clientStart.balance == .tokens(1_000))

        // The client posts a job: 10 GPU-hours at up to 0.5, budget 6.
        let posted = try await cli.succeed([
            "job", "post", "--tier", "consumer", "--gpus", "1", "--memory-gb", "16", "--gpu-hours", "10",
            "--max-rate", "0.5", "--budget", "6", "--segments", "8", "--workload", "mnist-mlp", "--key", "client", "--json",
        ]).json(TransactionStatusView.self)
        #expect(posted.status == .committed && posted.success == true)
        let jobID = try #require(posted.events?.first { $0.kind == .jobPosted }?.job)

        // Nobody can take it yet: match-job fails, charges its fee and says why.
        let early = try await cli.run(["job", "match", String(jobID.rawValue), "--key", "client"])
        #expect(early.status == 1)
        #expect(early.stderr.contains("match-job failed at height "), "\(early.transcript)")
        #expect(early.stderr.contains("error 523 no-eligible-provider"), "\(early.transcript)")
        #expect(early.stderr.contains("0 providers checked at height "), "\(early.transcript)")
        #expect(early.stderr.contains("hint: No provider is registered yet."), "\(early.transcript)")

        // The provider registers (a first heartbeat), heartbeats, and the job is matched to it.
        let registered = try await cli.succeed([
            "provider", "register", "--tier", "prosumer", "--gpus", "2", "--memory-gb", "24", "--rate", "0.4",
            "--key", "provider", "--json",
        ]).json(TransactionStatusView.self)
        let stake = try #require(registered.events?.first { $0.kind == .providerRegistered }?.stake)
        var matched: TransactionStatusView?
        for _ in 0..<3 where matched == nil {
            try await cli.succeed(["provider", "heartbeat", "--key", "provider"])
            let result = try await cli.run(["job", "match", String(jobID.rawValue), "--key", "client", "--json"])
            let status = try result.json(TransactionStatusView.self)
            if status.success == true { matched = status }
        }
        let match = try #require(matched?.events?.first { $0.kind == .jobMatched }, "job never matched")
        #expect(match.cost == .tokens(4))
        #expect(match.assignment == 0)

        // The provider commits to its checkpoints.
        let root32 = Hash256.sha256(Array("checkpoint-root".utf8)).hex
        let result32 = Hash256.sha256(Array("trained-model".utf8)).hex
        try await cli.succeed([
            "proof", "submit", String(jobID.rawValue), "--assignment", "0", "--checkpoint-root", root32,
            "--result-hash", result32, "--segments", "8", "--key", "provider",
        ])

        // The next block draws the committee: min(5, eligible validators) members.
        var job = try await cli.succeed(["job", "show", String(jobID.rawValue), "--json"]).json(JobView.self)
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(30)
        while job.assignments.first?.status != .voting && clock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
            job = try await cli.succeed(["job", "show", String(jobID.rawValue), "--json"]).json(JobView.self)
        }
        let assignment = try #require(job.assignments.first)
        #expect(assignment.status == .voting)
        #expect(assignment.committee.count == min(5, Self.validatorNames.count))

        // Every member votes with evidence for exactly its own segments, all at once.
        try await withThrowingTaskGroup(of: CLIResult.self) { group in
            for member in assignment.committee {
                let name = try #require(nameByAddress[member.validator.description])
                var arguments = ["proof", "verify", String(jobID.rawValue), "--assignment", "0", "--approve", "--key", name, "--json"]
                for segment in member.segments {
                    let start = Hash256.sha256(Array("checkpoint-\(segment)".utf8)).hex
                    let end = Hash256.sha256(Array("checkpoint-\(segment + 1)".utf8)).hex
                    arguments += ["--evidence", "\(segment):\(start):\(end)"]
                }
                group.addTask { try await cli.succeed(arguments) }
            }
            for try await vote in group {
                let status = try vote.json(TransactionStatusView.self)
                #expect(status.success == true, "\(vote.transcript)")
            }
        }
        job = try await cli.succeed(["job", "show", String(jobID.rawValue), "--json"]).json(JobView.self)
        #expect(job.assignments.first?.status == .verified)
        #expect(job.status == .completed)

        // The provider claims once; a second claim fails with already-claimed and exit code 1.
        let claim = try await cli.succeed(["reward", "claim", String(jobID.rawValue), "--key", "provider", "--json"])
            .json(TransactionStatusView.self)
        let claimed = try #require(claim.events?.first { $0.kind == .rewardClaimed }?.amount)
        let platformFee = Amount.tokens(4).share(basisPoints: parameters.platformFeeBasisPoints)
        #expect(claimed == Amount(microUnits: Amount.tokens(4).microUnits - platformFee.microUnits))
        let again = try await cli.run(["reward", "claim", String(jobID.rawValue), "--key", "provider"])
        #expect(again.status == 1)
        #expect(again.stderr.contains("error 503 already-claimed"), "\(again.transcript)")
        // It says that it failed, where, and that the fee was charged anyway; never "committed".
        #expect(again.stderr.contains("claim-reward failed at height "), "\(again.transcript)")
        #expect(again.stderr.contains("(fee 0.001 charged; tx "), "\(again.transcript)")
        #expect(!again.stdout.contains("committed"), "\(again.transcript)")

        // The job in text: the money and the verified result.
        let shown = try await cli.succeed(["job", "show", String(jobID.rawValue)])
        #expect(shown.stdout.contains("platform fee"), "\(shown.transcript)")
        #expect(shown.stdout.contains("FEE") && shown.stdout.contains("PAYOUT") && shown.stdout.contains("RESULT"))
        #expect(shown.stdout.contains("(the trained model; verified)"), "\(shown.transcript)")

        // An agent never stakes on its own: a key that is no validator yet must say how much.
        let unstaked = try await cli.run(["validator", "run", "--key", "client"])
        #expect(unstaked.status == 1)
        #expect(unstaked.stderr.contains(
            "error 819 stake-required: client is not a registered validator, and registering locks a stake; the agent does not stake on its own."),
            "\(unstaked.transcript)")
        #expect(unstaked.stderr.contains("hint: Say how much to lock with --stake AMOUNT (the minimum is 100)"), "\(unstaked.transcript)")

        // Balances: every transaction paid the fee (the nonce counts them).
        let provider = try await cli.succeed(["account", "provider", "--json"]).json(AccountView.self)
        let client = try await cli.succeed(["account", "client", "--json"]).json(AccountView.self)
        let cost = Amount.tokens(4)
        let providerExpected = 1_000 * 1_000_000 - stake.microUnits - provider.nonce * fee.microUnits
            + cost.microUnits - platformFee.microUnits
        #expect(provider.balance.microUnits == providerExpected)
        let clientExpected = 1_000 * 1_000_000 - client.nonce * fee.microUnits - cost.microUnits
        #expect(client.balance.microUnits == clientExpected)
        #expect(job.refunded == .tokens(2))

        let stats = try await cli.succeed(["stats", "--json"]).json(MarketStatsView.self)
        #expect(stats.moneyConserved)
        #expect(stats.gpuHoursVerified == 10)

        // Human output renders too.
        let table = try await cli.succeed(["job", "list"])
        #expect(table.stdout.contains("completed"))

        // SIGTERM stops the node cleanly; the stored chain verifies.
        let exit = await node.terminate(timeout: .seconds(30))
        #expect(exit == 0, "node log:\n\(node.output.suffix(3_000))")
        let verify = try await cli.succeed(["chain", "verify", "--data-dir", dataDirectory.path])
        #expect(verify.stdout.contains("OK"))
    }
}
