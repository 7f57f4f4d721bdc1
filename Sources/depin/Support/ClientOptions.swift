import ArgumentParser
import Foundation
import MarketAPI
import MarketClient
import MarketCore
import MarketLedger

/// Options shared by every command that talks to a node.
struct ClientOptions: ParsableArguments {
    @Option(help: "Node URL (env DEPIN_NODE).")
    var node: String = ProcessInfo.processInfo.environment["DEPIN_NODE"] ?? MarketClient.defaultNodeURL

    @Option(help: "Name of the key that signs transactions (env DEPIN_KEY).")
    var key: String?

    /// `--key`, else `DEPIN_KEY`.
    var keyName: String? { key ?? ProcessInfo.processInfo.environment["DEPIN_KEY"] }

    @Option(name: .customLong("keys-dir"), help: "Directory of key files (env DEPIN_KEYS).")
    var keysDir: String = KeysDirectoryOptions.defaultDirectory

    @Flag(help: "Print the node's JSON view (pretty, sorted keys) instead of text.")
    var json = false

    @Flag(inversion: .prefixedNo, help: "Wait until a transaction is committed, or return once the node accepted it.")
    var wait = true

    func validate() throws {
        do {
            _ = try MarketClient(baseURL: node)
        } catch {
            throw ValidationError("--node: \(error.message)")
        }
        if let keyName { try Parse.keyName(keyName, "--key") }
    }

    var keysDirectory: String { KeysDirectoryOptions.expand(keysDir) }

    func client() throws -> MarketClient {
        try MarketClient(baseURL: node)
    }

    /// The key named by `--key`.
    func keyFile() throws -> KeyFile {
        guard let key = keyName else {
            throw CLIError(.keyFile, "key-required", "This command signs a transaction; name the key with --key NAME (or set DEPIN_KEY).",
                           hint: "`depin keys list` shows your keys; `depin keys new NAME` creates one.")
        }
        return try KeyFile.load(name: key, from: keysDirectory)
    }

    func signer() throws -> Signer {
        Signer(keyFile: try keyFile())
    }

    /// A `depin1...` address as given, or the address of the key with that name.
    func address(_ text: String) throws -> Address {
        if Parse.isAddressSyntax(text), let address = Address(text) { return address }
        return try KeyFile.load(name: text, from: keysDirectory).address
    }

    /// `text` resolved as `address(_:)`, or the `--key`'s address when nil.
    func addressOrOwn(_ text: String?) throws -> Address {
        if let text { return try address(text) }
        return try keyFile().address
    }

    /// Signs, submits and reports `body`. Prints the status JSON with `--json`, otherwise a line
    /// about the commit, the events, and `summary` of the receipt. Exits 1 when it failed.
    ///
    /// `explain`, when given, may turn a failure into lines of detail and a hint that replaces the
    /// generic one (for example why `match-job` found no provider).
    @discardableResult
    func execute(
        _ body: TransactionBody, summary: ((SubmissionReceipt) -> String?)? = nil,
        explain: ((APIErrorBody) async -> (lines: [String], hint: String?)?)? = nil
    ) async throws -> SubmissionReceipt {
        let client = try client()
        let signer = try signer()
        let receipt = try await client.submit(body, signedBy: signer, wait: wait)
        if json {
            try Output.printJSON(receipt.status)
        } else if receipt.succeeded {
            let height = receipt.status.height.map(String.init) ?? "?"
            print("\(body.name) committed at height \(height) (tx \(Format.hash(receipt.id)))")
            for event in receipt.events { print("  \(Format.event(event))") }
            if let line = summary?(receipt) { print(line) }
        } else if receipt.isPending {
            print("\(body.name) submitted: tx \(receipt.id.hex) is pending (nonce \(receipt.nonce))")
        }
        do {
            try receipt.requireSuccess()
        } catch {
            let report = CLIError.from(error)
            if !json { Output.error(Self.failureLine(body, receipt: receipt, report: report)) }
            var hint = report.hint
            if let explain, let explanation = await explain(report.body) {
                for line in explanation.lines { Output.error(line) }
                hint = explanation.hint ?? hint
            }
            if let hint { Output.error("hint: \(hint)") }
            throw ExitCode.failure
        }
        return receipt
    }

    /// What a user reads when a transaction did not take effect: whether it made it into a block
    /// (then its fee was charged) or was never included (then nothing was).
    static func failureLine(_ body: TransactionBody, receipt: SubmissionReceipt, report: CLIError) -> String {
        if receipt.isCommitted {
            let height = receipt.status.height.map(String.init) ?? "?"
            return "\(body.name) failed at height \(height): \(report.description) "
                + "(fee \(Format.tokens(receipt.fee)) charged; tx \(Format.hash(receipt.id)))"
        }
        return "\(body.name) was not included: \(report.description) (no fee charged; tx \(Format.hash(receipt.id)))"
    }
}

/// Where key files live, for commands that need keys but no node.
struct KeysDirectoryOptions: ParsableArguments {
    static let defaultDirectory = ProcessInfo.processInfo.environment["DEPIN_KEYS"] ?? "~/.depin/keys"

    @Option(name: .customLong("keys-dir"), help: "Directory of key files (env DEPIN_KEYS).")
    var keysDir: String = KeysDirectoryOptions.defaultDirectory

    var keysDirectory: String { KeysDirectoryOptions.expand(keysDir) }

    static func expand(_ path: String) -> String {
        (path as NSString).expandingTildeInPath
    }
}
