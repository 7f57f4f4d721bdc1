import ArgumentParser
import MarketCore
import MarketSimulation

/// Developer tools that need no node.
struct DevCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dev",
        abstract: "Developer tools: deterministic market simulation.",
        subcommands: [Simulate.self]
    )

    struct Simulate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a seeded random market and print the state commitment after every block.",
            discussion: "The same seed prints the same commitments on every run and machine; tests use this to check determinism across processes."
        )

        @Option(help: "Seed of the random market.")
        var seed: UInt64 = 1

        @Option(help: "Blocks to simulate (1-100000).")
        var blocks: Int = 100

        @Flag(help: "Print a JSON summary instead of one line per block.")
        var json = false

        func validate() throws {
            guard (1...100_000).contains(blocks) else {
                throw ValidationError("--blocks must be between 1 and 100000.")
            }
        }

        func run() async throws {
            var simulator = try MarketSimulator(seed: seed)
            var roots: [String] = []
            var transactions = 0
            var failed = 0
            for _ in 0..<blocks {
                let block = simulator.step()
                transactions += block.outcomes.count
                failed += block.outcomes.count(where: { $0.error != nil })
                roots.append(block.stateRoot.hex)
                if !json { print("\(block.height) \(block.stateRoot.hex)") }
            }
            let violations = simulator.state.invariantViolations()
            if json {
                let rootList = roots.map { "\"\($0)\"" }.joined(separator: ",")
                print("{\"seed\":\(seed),\"blocks\":\(blocks),\"transactions\":\(transactions),\"failed\":\(failed),\"invariantViolations\":\(violations.count),\"roots\":[\(rootList)]}")
            }
            if !violations.isEmpty {
                throw ValidationError("invariants violated: \(violations.joined(separator: "; "))")
            }
        }
    }
}
