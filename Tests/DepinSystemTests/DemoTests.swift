import DepinTestSupport
import Foundation
import Testing

/// Runs `depin demo` through the real binary with small settings and checks its JSON summary.
@Suite("depin demo")
struct DemoTests {
    struct Summary: Decodable {
        struct Job: Decodable {
            var status: String
            var accuracyBps: Int?
            var resultHash: String?
            var attempts: Int
        }

        struct Provider: Decodable {
            var behavior: String
            var slashed: String
            var failed: Int
            var caught: Bool
            var earned: String
        }

        struct Checks: Decodable {
            var honestJobsVerifiedAndPaid: Bool
            var everyCheaterCaught: Bool
            var moneyConserved: Bool
        }

        var jobs: [Job]
        var providers: [Provider]
        var checks: Checks
        var success: Bool
        var dataDirectory: String
    }

    @Test("A small demo verifies and pays every honest job, catches both cheaters and conserves money")
    func smallDemo() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("depin-demo-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let demo = try await DepinCLI.run([
            "demo", "--providers", "4", "--validators", "5", "--jobs", "3", "--cheaters", "2", "--seed", "3",
            "--data-dir", directory.path, "--json", "--quiet", "--timeout", "180",
        ])
        let data = Data(demo.stdout.utf8)
        #expect(demo.status == 0, "demo output: \(demo.stdout.suffix(3_000))")
        let summary = try JSONDecoder().decode(Summary.self, from: data)
        #expect(summary.success)
        #expect(summary.checks.honestJobsVerifiedAndPaid && summary.checks.everyCheaterCaught && summary.checks.moneyConserved)
        #expect(summary.jobs.count == 3)
        for job in summary.jobs {
            #expect(job.status == "completed")
            #expect((job.accuracyBps ?? 0) > 6_000, "trained models must beat chance (33 %) by far")
            #expect(job.resultHash?.count == 64)
        }
        // The cheaters were matched first (they undercut everyone), caught, slashed and replaced.
        #expect(summary.jobs.filter { $0.attempts >= 2 }.count >= 2)
        let cheaters = summary.providers.filter { $0.behavior != "honest" }
        #expect(cheaters.count == 2)
        for cheater in cheaters {
            #expect(cheater.caught && cheater.failed >= 1 && cheater.slashed != "0.000000" && cheater.earned == "0.000000")
        }
        #expect(summary.providers.contains { $0.behavior == "honest" && $0.earned != "0.000000" })
        #expect(summary.dataDirectory == directory.path)
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("node/chain.sqlite").path))
    }

    /// What `depin demo --help` says a seed fixes, as read from the JSON summary.
    struct SeedFixed: Decodable, Equatable {
        struct Job: Decodable, Equatable {
            var id: UInt64
            var client: String
            var tier: String
            var gpuHours: UInt64
            var status: String
            var accuracyBps: Int?
            var resultHash: String?
        }

        struct Participant: Decodable, Equatable {
            var name: String
            var behavior: String
        }

        struct Provider: Decodable, Equatable {
            var name: String
            var address: String
            var behavior: String
            var hardware: String
            var caught: Bool
        }

        var seed: UInt64
        var jobs: [Job]
        var providers: [Provider]
        var validators: [Participant]
    }

    @Test("two runs with the same seed agree on everything the help says a seed fixes")
    func sameSeedSameOutcome() async throws {
        var runs: [SeedFixed] = []
        for _ in 0..<2 {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("depin-demo-seed-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: directory) }
            let demo = try await DepinCLI.run([
                "demo", "--providers", "3", "--validators", "4", "--jobs", "2", "--cheaters", "1", "--seed", "11",
                "--data-dir", directory.path, "--json", "--quiet", "--timeout", "180",
            ])
            #expect(demo.status == 0, "demo output: \(demo.stdout.suffix(3_000))")
            runs.append(try JSONDecoder().decode(SeedFixed.self, from: Data(demo.stdout.utf8)))
        }
        #expect(runs[0] == runs[1])
        #expect(runs[0].jobs.allSatisfy { $0.resultHash?.count == 64 && $0.accuracyBps != nil })
        let help = try await DepinCLI.run(["demo", "--help"])
        let text = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(text.contains("fixes the keys, genesis, hardware and behaviour of every participant, the jobs and their workloads"))
    }
}
