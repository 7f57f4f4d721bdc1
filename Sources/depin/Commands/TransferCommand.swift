import ArgumentParser
import MarketCore

/// `depin transfer`: send tokens.
struct TransferCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transfer",
        abstract: "Send tokens to another account.",
        discussion: """
            --to takes an address or the name of one of your keys.

            Example:
              depin transfer --to depin1... --amount 25 --key alice
              depin transfer --to bob --amount 0.5 --key alice
            """
    )

    @Option(help: "Recipient address or key name.")
    var to: String

    @Option(help: "Tokens to send, e.g. 12.5.")
    var amount: String

    @OptionGroup var options: ClientOptions

    func validate() throws {
        try Parse.checkAddressOrKeyName(to, "--to")
        _ = try Parse.amount(amount, "--amount")
    }

    func run() async throws {
        try await reportingErrors(json: options.json) {
            let recipient = try options.address(to)
            try await options.execute(.transfer(to: recipient, amount: try Parse.amount(amount, "--amount")))
        }
    }
}
