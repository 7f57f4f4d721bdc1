import ArgumentParser
import Foundation
import MarketCore

/// `depin governance`: the governance account's transactions.
struct GovernanceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "governance",
        abstract: "Change market parameters or mint (governance account only).",
        subcommands: [Parameters.self, Mint.self]
    )

    struct Parameters: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replace the market parameters (update-parameters) from a JSON file.",
            discussion: """
                The file holds every parameter, as `GET /v1/parameters` shows them (without chainID).
                The node refuses an inconsistent set with 534 invalid-parameters.

                Example:
                  curl -s localhost:8645/v1/parameters | jq 'del(.chainID) | .platformFeeBasisPoints = 300' > params.json
                  depin governance parameters params.json --key governance
                """
        )

        @Argument(help: "JSON file with every parameter.")
        var file: String

        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await reportingErrors(json: options.json) {
                guard let data = FileManager.default.contents(atPath: (file as NSString).expandingTildeInPath) else {
                    throw ValidationError("Cannot read \(file).")
                }
                let parameters = try JSONDecoder().decode(MarketParameters.self, from: data)
                try parameters.validate()
                try await options.execute(.updateParameters(parameters))
            }
        }
    }

    struct Mint: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Mint tokens to an account (development chains, governance only).",
            discussion: """
                Example:
                  depin governance mint --to alice --amount 500 --key governance
                """
        )

        @Option(help: "Recipient: a key name or a depin1... address.")
        var to: String

        @Option(help: "Tokens to mint, e.g. 500.")
        var amount: String

        @OptionGroup var options: ClientOptions

        func validate() throws {
            _ = try Parse.amount(amount, "--amount")
        }

        func run() async throws {
            try await reportingErrors(json: options.json) {
                try await options.execute(.mint(to: try options.address(to), amount: try Parse.amount(amount, "--amount")))
            }
        }
    }
}
