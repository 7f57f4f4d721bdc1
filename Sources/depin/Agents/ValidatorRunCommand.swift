import ArgumentParser
import Foundation
import MarketAgents
import MarketCore

/// `depin validator run`: the long-running validator agent.
struct ValidatorRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the validator agent: stake, watch committees, replay challenged segments, vote.",
        discussion: """
            Votes are remembered in --data-dir, so a restarted agent never votes twice. Stop it with Ctrl-C.

            Example:
              depin validator run --key val1 --stake 200
            """
    )

    @OptionGroup var client: ClientOptions

    @Option(help: "Stake to register with, in tokens (at least the chain's minimum).")
    var stake: String = "200"

    @Option(help: "Directory for the agent's state (default ~/.depin/agents/validator-KEY).")
    var dataDir: String?

    @Flag(help: "Adversary for tests and demos: approve everything without checking.")
    var lazy = false

    func validate() throws {
        guard Amount(tokens: stake) != nil else { throw ValidationError("--stake must be a token amount such as 200") }
    }

    func run() async throws {
        let key = try client.keyFile()
        let directory = URL(fileURLWithPath: KeysDirectoryOptions.expand(dataDir ?? "~/.depin/agents/validator-\(key.name)"))
        let agent = try ValidatorAgent(
            client: try client.client(), key: key.key,
            configuration: .init(name: key.name, stake: Amount(tokens: stake) ?? .zero, dataDirectory: directory,
                                 behavior: lazy ? .lazy : .honest),
            observer: PrintingObserver())
        PrintingObserver.line("validator \(agent.address) running against \(client.node); state in \(directory.path)")
        await agent.run()
    }
}
