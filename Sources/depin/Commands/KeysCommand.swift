import ArgumentParser
import MarketCore
import MarketLedger

/// `depin keys`: Ed25519 signing keys stored as owner-only files.
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Create, list and show signing keys.",
        discussion: """
            Keys are JSON files (<keys-dir>/<name>.json) readable only by you: mode 600 in a \
            directory of mode 700. Each key is one account.

            Example:
              depin keys new alice
              depin keys list
            """,
        subcommands: [New.self, List.self, Show.self, ExportPublic.self]
    )

    /// The public part of a key, as `--json` prints it.
    struct PublicKeyView: Encodable {
        var name: String
        var address: String
        var publicKey: String
        var path: String?
    }

    static func publicView(_ key: KeyFile, directory: String?) -> PublicKeyView {
        PublicKeyView(name: key.name, address: key.address.description, publicKey: Hex.encode(key.key.publicKey),
                      path: directory.map { KeyFile.path(forName: key.name, in: $0) })
    }

    struct New: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate a new key and save it.",
            discussion: """
                Never overwrites an existing key file.

                Example:
                  depin keys new alice --keys-dir ~/.depin/keys
                """
        )

        @Argument(help: "Key name: 1-64 of A-Z a-z 0-9 . _ -")
        var name: String

        @OptionGroup var keys: KeysDirectoryOptions

        @Flag(help: "Print the new key's public part as JSON.")
        var json = false

        func validate() throws {
            try Parse.keyName(name, "NAME")
        }

        func run() async throws {
            try await reportingErrors(json: json) {
                let key = try KeyFile(name: name, key: SigningKey.generate())
                let path = try key.save(in: keys.keysDirectory)
                if json {
                    try Output.printJSON(KeysCommand.publicView(key, directory: keys.keysDirectory))
                } else {
                    print("created key \(name)")
                    var details = Details()
                    details.append("address", key.address.description)
                    details.append("file", path)
                    print(details.render())
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the keys in the keys directory.",
            discussion: "Example:\n  depin keys list --json"
        )

        @OptionGroup var keys: KeysDirectoryOptions

        @Flag(help: "Print a JSON array.")
        var json = false

        func run() async throws {
            try await reportingErrors(json: json) {
                let directory = keys.keysDirectory
                let loaded = try KeyFile.list(in: directory).map { name in try KeyFile.load(name: name, from: directory) }
                if json {
                    try Output.printJSON(loaded.map { KeysCommand.publicView($0, directory: directory) })
                    return
                }
                var table = Table([.init("NAME"), .init("ADDRESS")])
                for key in loaded { table.append([key.name, key.address.description]) }
                print(table.render(empty: "no keys in \(directory); create one with `depin keys new NAME`"))
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a key's address and public key (never the secret).",
            discussion: "Example:\n  depin keys show alice"
        )

        @Argument(help: "Key name.")
        var name: String

        @OptionGroup var keys: KeysDirectoryOptions

        @Flag(help: "Print JSON.")
        var json = false

        func validate() throws {
            try Parse.keyName(name, "NAME")
        }

        func run() async throws {
            try await reportingErrors(json: json) {
                let key = try KeyFile.load(name: name, from: keys.keysDirectory)
                let view = KeysCommand.publicView(key, directory: keys.keysDirectory)
                if json {
                    try Output.printJSON(view)
                    return
                }
                var details = Details()
                details.append("name", view.name)
                details.append("address", view.address)
                details.append("public key", view.publicKey)
                details.append("file", view.path)
                print(details.render())
            }
        }
    }

    struct ExportPublic: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export-public",
            abstract: "Print a key's public part as JSON, safe to share.",
            discussion: """
                Prints {name, address, publicKey}; the secret key never leaves the file.

                Example:
                  depin keys export-public alice > alice.pub.json
                """
        )

        @Argument(help: "Key name.")
        var name: String

        @OptionGroup var keys: KeysDirectoryOptions

        func validate() throws {
            try Parse.keyName(name, "NAME")
        }

        func run() async throws {
            try await reportingErrors {
                let key = try KeyFile.load(name: name, from: keys.keysDirectory)
                try Output.printJSON(KeysCommand.publicView(key, directory: nil))
            }
        }
    }
}
