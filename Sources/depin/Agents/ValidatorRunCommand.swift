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

            A key that is not a validator yet registers with --stake, which is then locked until \
            the validator unregisters and the unbonding period ends; without --stake the agent \
            refuses to start rather than stake on its own.

            Examples:
              depin validator run --key val1 --stake 200
              depin validator run --key val1            # already registered
            """
    )

    @OptionGroup var client: ClientOptions

    @Option(help: "Tokens to stake when the key is not a validator yet (required then; at least the chain's minimum).")
    var stake: String?

    @Option(help: "Directory for the agent's state (default ~/.depin/agents/validator-KEY).")
    var dataDir: String?

    @Flag(help: "Adversary for tests and demos: approve everything without checking.")
    var lazy = false

    func validate() throws {
        if let stake, Amount(tokens: stake) == nil { throw ValidationError("--stake must be a token amount such as 200") }
    }

    func run() async throws {
        let key = try client.keyFile()
        let directory = URL(fileURLWithPath: KeysDirectoryOptions.expand(dataDir ?? "~/.depin/agents/validator-\(key.name)"))
        let node = try client.client()
        try await reportingErrors {
            guard stake == nil else { return }
            let registered = try await node.validators(limit: 500).items.contains { $0.address == key.address }
            guard !registered else { return }
            let minimum = try await node.parameters().parameters.validatorMinimumStake
            throw CLIError(
                .failed, "stake-required",
                "\(key.name) is not a registered validator, and registering locks a stake; the agent does not stake on its own.",
                hint: "Say how much to lock with --stake AMOUNT (the minimum is \(Format.tokens(minimum))); "
                    + "`depin account --key \(key.name)` shows the balance.")
        }
        let agent = try ValidatorAgent(
            client: node, key: key.key,
            configuration: .init(name: key.name, stake: stake.flatMap { Amount(tokens: $0) } ?? .zero, dataDirectory: directory,
                                 behavior: lazy ? .lazy : .honest),
            observer: PrintingObserver())
        PrintingObserver.line("validator \(agent.address) running against \(client.node); state in \(directory.path)")
        await agent.run()
    }
}
