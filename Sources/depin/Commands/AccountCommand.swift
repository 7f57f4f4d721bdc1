import ArgumentParser
import MarketAPI

/// `depin account`: balance and nonce.
struct AccountCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "account",
        abstract: "Show an account's balance and next nonce; defaults to --key's account.",
        discussion: "Example:\n  depin account --key alice\n  depin account depin1... --json"
    )

    @Argument(help: "Address or key name.")
    var account: String?

    @OptionGroup var options: ClientOptions

    func validate() throws {
        if let account { try Parse.checkAddressOrKeyName(account, "ACCOUNT") }
    }

    func run() async throws {
        try await reportingErrors(json: options.json) {
            let view = try await options.client().account(try options.addressOrOwn(account))
            if options.json {
                try Output.printJSON(view)
                return
            }
            var details = Details()
            details.append("address", view.address.description)
            details.append("balance", Format.tokens(view.balance))
            details.append("nonce", String(view.nonce))
            print(details.render())
        }
    }
}
