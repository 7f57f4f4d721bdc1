import ArgumentParser
import MarketAPI
import MarketCore

/// `depin validator`: stake to check other people's work.
struct ValidatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validator",
        abstract: "Register, unregister and list validators.",
        discussion: """
            Validators with at least the minimum stake are drawn into committees that re-execute \
            sampled segments of submitted proofs.

            Example:
              depin validator register --stake 100 --key v1
              depin validator list
            """,
        subcommands: [Register.self, Unregister.self, List.self, ValidatorRunCommand.self]
    )

    struct Register: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Stake and become eligible for committees (register-validator).",
            discussion: "Example:\n  depin validator register --stake 100 --key v1"
        )

        @Option(help: "Tokens to stake (at least the chain's minimum validator stake).")
        var stake: String

        @OptionGroup var options: ClientOptions

        func validate() throws {
            _ = try Parse.amount(stake, "--stake")
        }

        func run() async throws {
            try await reportingErrors(json: options.json) {
                try await options.execute(.registerValidator(stake: try Parse.amount(stake, "--stake")))
            }
        }
    }

    struct Unregister: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Leave the validator set and start unbonding (unregister-validator).",
            discussion: "Example:\n  depin validator unregister --key v1"
        )

        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await reportingErrors(json: options.json) {
                try await options.execute(.unregisterValidator) { receipt in
                    receipt.event(.validatorUnregistered)?.releaseHeight.map { "stake withdrawable from height \($0)" }
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List validators with their stake, reputation and votes.",
            discussion: "Example:\n  depin validator list --json"
        )

        @Option(help: "Skip this many validators.")
        var offset: Int?

        @Option(help: "At most this many validators.")
        var limit: Int?

        @OptionGroup var options: ClientOptions

        func validate() throws {
            if let offset, offset < 0 { throw ValidationError("--offset must not be negative.") }
            if let limit, limit < 1 { throw ValidationError("--limit must be at least 1.") }
        }

        func run() async throws {
            try await reportingErrors(json: options.json) {
                let page = try await options.client().validators(offset: offset, limit: limit)
                if options.json {
                    try Output.printJSON(page)
                    return
                }
                var table = Table([
                    .init("ADDRESS"), .init("STAKE", .right), .init("REP", .right), .init("STATUS"), .init("ELIGIBLE"),
                    .init("VOTES", .right), .init("WITH", .right), .init("AGAINST", .right), .init("MISSED", .right),
                    .init("REWARDS", .right), .init("PENALTIES", .right),
                ])
                for validator in page.items {
                    table.append([
                        Format.address(validator.address), Format.tokens(validator.stake), String(validator.reputation),
                        validator.status.rawValue, Format.yesNo(validator.eligible), String(validator.votesCast),
                        String(validator.votesWithOutcome), String(validator.votesAgainstOutcome), String(validator.missedVotes),
                        Format.tokens(validator.rewards), Format.tokens(validator.penalties),
                    ])
                }
                print(table.render(empty: "no validators"))
                printPageFooter(page)
            }
        }
    }
}
