import ArgumentParser
import Foundation
import MarketCore
import MarketLedger

/// `depin genesis`: genesis documents for new chains.
struct GenesisCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "genesis",
        abstract: "Create genesis files for new chains.",
        discussion: """
            Example:
              depin genesis new --dev --fund alice=1000 --fund bob=1000 --validator v1=100 --out genesis.json
            """,
        subcommands: [New.self]
    )

    struct New: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a genesis file: chain id, parameters, funded accounts and validators.",
            discussion: """
                NAME in --fund and --validator is a key name from --keys-dir or a depin1... address. \
                Validator stakes are created at genesis in addition to any --fund balance; validators \
                need a balance too, to pay the fees of their votes.

                With --dev: keys that do not exist yet are created, minting is enabled for the \
                governance account, governance defaults to the first key named, and validators \
                without a --fund entry get 100 tokens for fees.

                Example:
                  depin genesis new --dev --chain-id depin-devnet --out genesis.json \\
                    --fund client=1000 --fund provider=1000 --validator v1=100 --validator v2=100 --validator v3=100
                """
        )

        @Option(name: .customLong("chain-id"), help: "Chain id: 1-64 visible ASCII characters.")
        var chainID = "depin-devnet"

        @Option(help: "Where to write the genesis JSON.")
        var out: String

        @Option(help: "An initial balance, NAME=AMOUNT (repeatable).")
        var fund: [String] = []

        @Option(help: "An initial validator and its stake, NAME=STAKE (repeatable).")
        var validator: [String] = []

        @Option(help: "Governance account (key name or address); defaults to the first key named with --dev.")
        var governance: String?

        @OptionGroup var keys: KeysDirectoryOptions

        @Flag(help: "Development chain: create missing keys, enable minting, default governance and validator funds.")
        var dev = false

        @Flag(help: "Replace --out if it exists.")
        var force = false

        @Flag(help: "Print the genesis document as JSON on stdout as well.")
        var json = false

        static let devValidatorFunds = Amount.tokens(100)

        func validate() throws {
            guard SignedTransaction.chainIDByteCounts.contains(chainID.utf8.count),
                  chainID.utf8.allSatisfy({ (0x21...0x7e).contains($0) }) else {
                throw ValidationError("--chain-id must be 1-64 visible ASCII characters without spaces, got '\(chainID)'.")
            }
            guard !fund.isEmpty || !validator.isEmpty else {
                throw ValidationError("Name at least one account with --fund NAME=AMOUNT or --validator NAME=STAKE.")
            }
            var seen = Set<String>()
            for entry in fund {
                let (name, amount) = try Parse.assignment(entry, "--fund")
                try Parse.checkAddressOrKeyName(name, "--fund")
                _ = try Parse.amount(amount, "--fund \(name)")
                guard seen.insert(name).inserted else { throw ValidationError("--fund names \(name) twice.") }
            }
            seen = []
            let minimum = MarketParameters().validatorMinimumStake
            for entry in validator {
                let (name, stake) = try Parse.assignment(entry, "--validator")
                try Parse.checkAddressOrKeyName(name, "--validator")
                let amount = try Parse.amount(stake, "--validator \(name)")
                guard amount >= minimum else {
                    throw ValidationError("--validator \(name): the stake must be at least \(Format.tokens(minimum)) tokens.")
                }
                guard seen.insert(name).inserted else { throw ValidationError("--validator names \(name) twice.") }
            }
            if let governance { try Parse.checkAddressOrKeyName(governance, "--governance") }
            if !dev && governance == nil {
                throw ValidationError("Name the governance account with --governance NAME (or use --dev).")
            }
        }

        func run() async throws {
            try await reportingErrors(json: json) {
                let path = KeysDirectoryOptions.expand(out)
                if !force && FileManager.default.fileExists(atPath: path) {
                    throw CLIError(.io, "file-exists", "\(path) already exists.", hint: "Pass --force to replace it.")
                }
                // A small class rather than a nested function capturing local vars: Swift 6.3.1's
                // optimizer crashes on the nested-closure form in release builds.
                let names = NameResolver(keysDirectory: keys.keysDirectory, createMissing: dev)
                func resolve(_ name: String) throws -> Address { try names.resolve(name) }

                var allocations: [GenesisDocument.Allocation] = []
                for entry in fund {
                    let (name, amount) = try Parse.assignment(entry, "--fund")
                    allocations.append(.init(address: try resolve(name), amount: try Parse.amount(amount, "--fund"), label: name))
                }
                var validators: [GenesisDocument.Validator] = []
                for entry in validator {
                    let (name, stake) = try Parse.assignment(entry, "--validator")
                    let address = try resolve(name)
                    validators.append(.init(address: address, stake: try Parse.amount(stake, "--validator")))
                    if dev && !allocations.contains(where: { $0.address == address }) {
                        allocations.append(.init(address: address, amount: New.devValidatorFunds, label: name))
                    }
                }
                let firstName = (fund + validator).first.map { (try? Parse.assignment($0, "")).map(\.name) ?? $0 }
                guard let governanceName = governance ?? firstName else {
                    throw ValidationError("Name the governance account with --governance NAME.")
                }
                var parameters = MarketParameters()
                parameters.mintingEnabled = dev
                let document = GenesisDocument(
                    chainID: chainID, genesisTimeMillis: UInt64(Date().timeIntervalSince1970 * 1_000),
                    governance: try resolve(governanceName), parameters: parameters,
                    allocations: allocations, validators: validators)
                _ = try document.validate()
                let data = try document.jsonData()
                do {
                    try data.write(to: URL(fileURLWithPath: path), options: .atomic)
                } catch {
                    throw CLIError(.io, "write-failed", "Could not write \(path): \(error.localizedDescription)")
                }
                if json {
                    print(String(decoding: data, as: UTF8.self))
                    return
                }
                for name in names.created { Output.error("created key \(name) in \(keys.keysDirectory)") }
                print("wrote \(path)")
                var details = Details()
                details.append("chain id", chainID)
                details.append("governance", "\(governanceName) (\(document.governance))")
                details.append("accounts", "\(allocations.count), \(Format.tokens(try total(allocations.map(\.amount)))) tokens")
                details.append("validators", "\(validators.count), \(Format.tokens(try total(validators.map(\.stake)))) tokens staked")
                details.append("minting", dev ? "enabled (development chain)" : "disabled")
                print(details.render())
                print("start a node with: depin node start --genesis \(path)")
            }
        }

        private func total(_ amounts: [Amount]) throws -> Amount {
            try amounts.reduce(Amount.zero) { sum, amount throws(MarketError) in try sum.adding(amount) }
        }
    }
}

/// Turns `--fund`/`--validator` names into addresses: a `depin1...` address as given, else a key
/// file's address; with `createMissing`, keys that do not exist yet are generated and saved.
final class NameResolver {
    let keysDirectory: String
    let createMissing: Bool
    private(set) var created: [String] = []
    private var resolved: [String: Address] = [:]

    init(keysDirectory: String, createMissing: Bool) {
        self.keysDirectory = keysDirectory
        self.createMissing = createMissing
    }

    func resolve(_ name: String) throws -> Address {
        if let address = resolved[name] { return address }
        let address: Address
        if Parse.isAddressSyntax(name), let parsed = Address(name) {
            address = parsed
        } else {
            do {
                address = try KeyFile.load(name: name, from: keysDirectory).address
            } catch KeyFileError.notFound where createMissing {
                let key = try KeyFile(name: name, key: SigningKey.generate())
                try key.save(in: keysDirectory)
                created.append(name)
                address = key.address
            }
        }
        resolved[name] = address
        return address
    }
}
