import ComputeWorkloads
import MarketCore

/// Issue 5's benchmark: a validator committee's verification compute as a share of the provider's
/// training compute, next to the detection probability that committee buys.
///
/// The provider's side is everything it computes for one assignment: building the workload (the
/// seeded dataset), checkpoint 0, every segment (each checkpoint encoded and hashed) and the
/// Merkle root of the checkpoint hashes. A committee member's side is what `ValidatorAgent` computes
/// for one vote: decoding the workload description, building the workload, checking the manifest
/// (its Merkle root, first and last hashes), and for each of its q challenged segments the Merkle
/// proof, the SHA-256 of the start checkpoint and the replay. Fetching blobs over the network is
/// not counted on either side. Both sides run single-threaded here, as the agents do.
struct ProofOverheadBenchmark {
    /// Timed repetitions per figure; medians are reported.
    var runs = 5

    struct Variant {
        var name: String
        var description: WorkloadDescription
        var runs: Int
    }

    /// A committee shape: members, segments per member (q) and the smallest valid threshold.
    struct Shape {
        var members: Int
        var perMember: Int
        var label: String
        var replays: Int { members * perMember }
    }

    func run() throws {
        let parameters = MarketParameters()
        let members = Int(parameters.committeeSize)
        let perMember = Int(parameters.segmentsPerValidator)
        print("## Proof-of-training verification overhead (release build, one core per side)")
        print("defaults: committeeSize \(members), segmentsPerValidator (q) \(perMember), "
              + "verificationThreshold \(parameters.verificationThreshold); \(runs) runs per figure, medians\n")

        print("### Detection probability 1 - (1 - f)^(members x q) at the defaults (\(members) x \(perMember) = \(members * perMember) replays)")
        for fraction in [0.1, 0.25, 0.5] {
            let probability = Challenge.detectionProbability(fakedFraction: fraction, members: members, segmentsPerMember: perMember)
            Bench.row("f = \(fraction)", "\(percent(probability, decimals: 2))")
        }

        let shapes = committeeShapes(parameters: parameters)
        print("\n### Smallest committee x q reaching >= 99 % detection at f = 0.5 (so at every f >= 0.5)")
        for shape in shapes {
            let probability = Challenge.detectionProbability(fakedFraction: 0.5, members: shape.members, segmentsPerMember: shape.perMember)
            Bench.row("\(shape.members) x \(shape.perMember) = \(shape.replays) replays", shape.label, "detection at f = 0.5: \(percent(probability, decimals: 2))",
                      "segments needed for <= 10 % replay share: >= \(shape.replays * 10)")
        }
        print("")

        let demo = WorkloadDescription.demo()
        var variants = [Variant(name: "demo workload (`WorkloadDescription.demo()`)", description: demo, runs: runs)]
        for factor in [(5, 4, "a quarter more segments"), (2, 1, "twice the segments")] {
            var longer = demo
            longer.training.segments = demo.training.segments * factor.0 / factor.1
            variants.append(Variant(name: "demo model, \(factor.2)", description: longer, runs: runs))
        }
        var few = demo
        few.training.segments = 10
        few.training.stepsPerSegment = 150
        variants.append(Variant(name: "demo model in 10 long segments (the demo before it was split)", description: few, runs: runs))
        var wide = demo
        wide.dataset = DatasetSpec(kind: .clusters, classes: 10, features: 32, trainSamples: 4_000, testSamples: 1_000,
                                   noise: FixedDecimal(integer: 1))
        wide.model = ModelSpec(hidden: [128, 128])
        wide.training = TrainingSpec(segments: 200, stepsPerSegment: 10, batchSize: 32,
                                     learningRate: FixedDecimal(billionths: 50_000_000), momentum: FixedDecimal(billionths: 900_000_000))
        variants.append(Variant(name: "wider model", description: wide, runs: 3))

        for variant in variants {
            try measure(variant, shapes: [Shape(members: members, perMember: perMember, label: "defaults")] + shapes)
        }
    }

    /// The default committee plus the cheapest shapes that reach 99 % at f = 0.5: the smallest
    /// product overall (any threshold `validate()` accepts) and the smallest that keeps the
    /// default threshold (committee between threshold and 2 x threshold - 1).
    private func committeeShapes(parameters: MarketParameters) -> [Shape] {
        func reaches(_ members: Int, _ perMember: Int) -> Bool {
            Challenge.detectionProbability(fakedFraction: 0.5, members: members, segmentsPerMember: perMember) >= 0.99
        }
        var all: [(Int, Int)] = []
        for members in 1...64 {
            for perMember in 1...64 where members * perMember <= 64 && reaches(members, perMember) {
                all.append((members, perMember))
            }
        }
        let smallest = all.map { $0.0 * $0.1 }.min() ?? 0
        // With several at the smallest product, prefer a real committee (>= 3 members) over one validator.
        let overall = all.filter { $0.0 * $0.1 == smallest }.sorted { ($0.0 >= 3 ? 0 : 1, $0.0) < ($1.0 >= 3 ? 0 : 1, $1.0) }
        var shapes: [Shape] = []
        if let (m, q) = overall.first {
            shapes.append(Shape(members: m, perMember: q, label: "smallest product (threshold \(m / 2 + 1) of \(m))"))
        }
        let threshold = Int(parameters.verificationThreshold)
        let keeping = all.filter { $0.0 >= threshold && $0.0 < 2 * threshold }
            .min { ($0.0 * $0.1, $0.0) < ($1.0 * $1.1, $1.0) }
        if let (m, q) = keeping {
            shapes.append(Shape(members: m, perMember: q, label: "smallest with the default threshold \(threshold)"))
        }
        return shapes
    }

    private func measure(_ variant: Variant, shapes: [Shape]) throws {
        let description = variant.description
        let segments = description.training.segments
        let widths = [description.dataset?.features ?? 0] + (description.model?.hidden ?? []) + [description.dataset?.classes ?? 0]
        print("### \(variant.name): \(segments) segments x \(description.training.stepsPerSegment) steps, "
              + "batch \(description.training.batchSize), \(widths.map(String.init).joined(separator: "-")) MLP")

        // Provider: build the workload, train every segment, commit to the checkpoints.
        var run: TrainingRun?
        var setupTimes: [Double] = []
        var totalTimes: [Double] = []
        for _ in 0..<variant.runs {
            var setup = 0.0
            let total = try Bench.seconds {
                var built: (any Workload)?
                setup = try Bench.seconds { built = try WorkloadFactory.make(description) }
                guard let workload = built else { throw BenchError.setupFailed("no workload") }
                let result = try Trainer(workload: workload).run()
                _ = result.merkleRoot
                run = result
            }
            setupTimes.append(setup)
            totalTimes.append(total)
        }
        guard let run else { throw BenchError.setupFailed("no training run") }
        let provider = median(totalTimes)
        let providerSetup = median(setupTimes)
        let perSegment = (provider - providerSetup) / Double(segments)
        let checkpointBytes = run.checkpoints[0].bytes.count
        Bench.row("provider training, all \(segments) segments", "\(Bench.milliseconds(provider))",
                  "workload setup \(Bench.milliseconds(providerSetup))", "\(Bench.milliseconds(perSegment)) per segment",
                  "checkpoint \(checkpointBytes) bytes")

        let hashes = run.checkpointHashes
        let root = run.merkleRoot
        let documentBytes = description.canonicalJSON
        let candidates = (0..<64).map { Address.derived(from: "bench/pot/validator/\($0)") }.sorted()

        // One member's vote, as ValidatorAgent computes it, timed by phase.
        func verifyAsMember(_ validator: Address, seed: Hash256, perMember: Int) throws -> Phases {
            var phases = Phases()
            let clock = ContinuousClock()
            var mark = clock.now
            func lap(_ keyPath: WritableKeyPath<Phases, Double>) {
                let now = clock.now
                phases[keyPath: keyPath] += Bench.seconds(now - mark)
                mark = now
            }
            let decoded = try WorkloadDescription.decode(json: documentBytes)
            guard decoded.canonicalHash == description.canonicalHash else { throw BenchError.setupFailed("workload hash") }
            let workload = try WorkloadFactory.make(decoded)
            lap(\.setup)
            let tree = MerkleList.levels(hashes)
            guard MerkleList.root(of: tree) == root, hashes.count == segments + 1,
                  hashes.last == run.resultHash else { throw BenchError.setupFailed("manifest") }
            lap(\.manifest)
            let verifier = SegmentVerifier(workload: workload)
            for segment in Challenge.segments(seed: seed, validator: validator, perValidator: perMember, segmentCount: UInt32(segments)) {
                let index = Int(segment)
                mark = clock.now
                guard let proof = MerkleList.proof(in: tree, index: index),
                      MerkleList.verify(item: hashes[index], index: index, count: hashes.count, proof: proof, root: root)
                else { throw BenchError.setupFailed("merkle proof") }
                lap(\.proofs)
                let start = run.checkpoints[index].bytes
                guard Hash256.sha256(start) == hashes[index] else { throw BenchError.setupFailed("start hash") }
                lap(\.startHash)
                let verdict = try verifier.verify(segment: index, from: start, claimedNext: hashes[index + 1])
                guard verdict.isMatch else { throw BenchError.setupFailed("honest segment \(index) did not replay") }
                lap(\.replay)
            }
            return phases
        }

        for (position, shape) in shapes.enumerated() {
            var committeeTimes: [Double] = []
            var memberPhases: [Phases] = []
            for round in 0..<variant.runs {
                let seed = Hash256.tagged("bench/pot", [UInt8(truncatingIfNeeded: round), UInt8(shape.members), UInt8(shape.perMember)])
                let committee = Challenge.committee(candidates: candidates, size: shape.members, seed: seed)
                var total = 0.0
                for member in committee {
                    let phases = try verifyAsMember(member, seed: seed, perMember: shape.perMember)
                    memberPhases.append(phases)
                    total += phases.total
                }
                committeeTimes.append(total)
            }
            let committee = median(committeeTimes)
            let member = median(memberPhases.map(\.total))
            let replayed = min(shape.perMember, segments)
            let arithmetic = Double(shape.members * replayed) / Double(segments)
            let probability = Challenge.detectionProbability(fakedFraction: 0.5, members: shape.members, segmentsPerMember: shape.perMember)
            Bench.row("committee \(shape.members) x q \(shape.perMember) (\(shape.label))",
                      "one member \(Bench.milliseconds(member)) = \(percent(member / provider, decimals: 1)) of training (q / segments = \(replayed)/\(segments) = \(percent(Double(replayed) / Double(segments), decimals: 1)))",
                      "committee \(Bench.milliseconds(committee)) = \(percent(committee / provider, decimals: 1)) of training (replays alone by arithmetic: \(percent(arithmetic, decimals: 1)))",
                      "detection at f = 0.5: \(percent(probability, decimals: 2))",
                      committee / provider <= 0.10 && probability >= 0.99 ? "meets <= 10 % at >= 99 %" : "misses <= 10 % at >= 99 %")
            if position == 0 {
                func phase(_ keyPath: KeyPath<Phases, Double>) -> String {
                    let value = median(memberPhases.map { $0[keyPath: keyPath] })
                    return "\(Bench.milliseconds(value)) (\(percent(value / provider, decimals: 2)))"
                }
                Bench.row("  one member by phase (share of training)", "decode description + build workload \(phase(\.setup))",
                          "manifest root \(phase(\.manifest))", "Merkle proofs \(phase(\.proofs))",
                          "SHA-256 of start checkpoints \(phase(\.startHash))", "replays incl. result hash \(phase(\.replay))")
            }
        }
        print("")
    }

    /// One committee member's verification time by phase, in seconds.
    struct Phases {
        var setup = 0.0
        var manifest = 0.0
        var proofs = 0.0
        var startHash = 0.0
        var replay = 0.0
        var total: Double { setup + manifest + proofs + startHash + replay }
    }

    private func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted[sorted.count / 2]
    }

    private func percent(_ fraction: Double, decimals: Int) -> String {
        Bench.format(fraction * 100, decimals: decimals) + " %"
    }
}
