import DepinTestSupport
import Foundation
import MarketLedger
import Testing

/// CLI behaviour that needs no node: keys, genesis, input validation and error reporting.
@Suite("depin CLI without a node")
struct CLIOfflineTests {
    static func scratch() throws -> (URL, DepinCLI) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("depin-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let port = try freeLoopbackPort()
        return (root, DepinCLI(keysDirectory: root.appendingPathComponent("keys"), nodeURL: "http://127.0.0.1:\(port)", scratch: root))
    }

    struct PublicKey: Decodable {
        var name: String
        var address: String
        var publicKey: String
    }

    @Test("keys new, list, show and export-public; files are owner-only; names are never reused")
    func keys() async throws {
        let (root, cli) = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        try await cli.succeed(["keys", "new", "alice"])
        try await cli.succeed(["keys", "new", "bob"])
        let list = try await cli.succeed(["keys", "list", "--json"]).json([PublicKey].self)
        #expect(list.map(\.name) == ["alice", "bob"])
        let alice = try KeyFile.load(name: "alice", from: cli.keysDirectory.path)
        #expect(list[0].address == alice.address.description)
        let attributes = try FileManager.default.attributesOfItem(atPath: KeyFile.path(forName: "alice", in: cli.keysDirectory.path))
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let exported = try await cli.succeed(["keys", "export-public", "alice"])
        #expect(!exported.stdout.contains("secretKey"))
        #expect(try exported.json(PublicKey.self).publicKey == Hex.encode(alice.key.publicKey))
        let shown = try await cli.succeed(["keys", "show", "alice"])
        #expect(shown.stdout.contains(alice.address.description))
        let again = try await cli.run(["keys", "new", "alice"])
        #expect(again.status == 1)
        #expect(again.stderr.contains("key-exists"))
        let missing = try await cli.run(["keys", "show", "carol"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("key-not-found"))
        #expect(missing.stderr.contains("hint:"))
    }

    @Test("genesis new --dev creates missing keys, funds validators and enables minting")
    func devGenesis() async throws {
        let (root, cli) = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("genesis.json")
        try await cli.succeed(["genesis", "new", "--dev", "--chain-id", "depin-test", "--out", out.path,
                               "--fund", "alice=1000.5", "--validator", "v1=100", "--validator", "v2=150"])
        let document = try GenesisDocument.load(from: out)
        #expect(document.chainID == "depin-test")
        #expect(document.parameters.mintingEnabled)
        let alice = try KeyFile.load(name: "alice", from: cli.keysDirectory.path)
        #expect(document.governance == alice.address)
        #expect(document.allocations.count == 3)
        #expect(document.validators.map(\.stake.description) == ["100.000000", "150.000000"])
        _ = try document.validate()
        let refused = try await cli.run(["genesis", "new", "--dev", "--out", out.path, "--fund", "alice=1"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("--force"))
    }

    @Test("Bad input is refused before anything is sent", arguments: [
        ["transfer", "--to", "depin1notanaddress", "--amount", "1", "--key", "alice"],
        ["transfer", "--to", "bob", "--amount", "1.1234567", "--key", "alice"],
        ["transfer", "--to", "bob", "--amount", "0", "--key", "alice"],
        ["provider", "register", "--tier", "gaming", "--gpus", "1", "--memory-gb", "8", "--rate", "1"],
        ["provider", "register", "--tier", "consumer", "--gpus", "1", "--memory-gb", "8"],
        ["proof", "submit", "1", "--checkpoint-root", "abcd", "--result-hash", String(repeating: "1", count: 64)],
        ["proof", "verify", "1", "--approve", "--evidence", "1:xx:yy"],
        ["proof", "verify", "1", "--evidence", "1:\(String(repeating: "1", count: 64)):\(String(repeating: "2", count: 64))"],
        ["job", "post", "--tier", "consumer", "--gpu-hours", "10", "--max-rate", "0.5"],
        ["job", "list", "--status", "running"],
        ["genesis", "new", "--out", "/tmp/x.json", "--fund", "alice"],
        ["blocks", "tip"],
    ])
    func validation(arguments: [String]) async throws {
        let (root, cli) = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try await cli.run(arguments)
        #expect(result.status != 0, "\(result.transcript)")
        #expect(!result.stderr.contains("node-unreachable"), "\(result.transcript)")
    }

    @Test("A negative number names the option it was given to, instead of 'Missing value'", arguments: [
        (["job", "post", "--tier", "consumer", "--gpu-hours", "-5", "--max-rate", "0.5", "--key", "alice"],
         "Error: The value '-5' is invalid for '--gpu-hours <gpu-hours>'"),
        (["job", "post", "--tier", "consumer", "--gpu-hours", "5", "--max-rate", "-0.5", "--key", "alice"],
         "Error: --max-rate must be a token amount like 12 or 0.25 (at most 6 decimals), got '-0.5'."),
        (["provider", "register", "--tier", "consumer", "--gpus", "-2", "--memory-gb", "8", "--rate", "1"],
         "Error: The value '-2' is invalid for '--gpus <gpus>'"),
    ])
    func negativeNumbers(arguments: [String], message: String) async throws {
        let (root, cli) = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try await cli.run(arguments)
        #expect(result.status != 0)
        #expect(result.stderr.contains(message), "\(result.transcript)")
        #expect(!result.stderr.contains("Missing value"), "\(result.transcript)")
    }

    @Test("No node: error line with code and name, a hint, exit code 1")
    func unreachable() async throws {
        let (root, cli) = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try await cli.run(["stats"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error 800 node-unreachable: "))
        #expect(result.stderr.contains("hint: Start a node"))
    }

    @Test("Every command has help with an example", arguments: [
        ["keys"], ["keys", "new"], ["genesis", "new"], ["provider", "register"], ["provider", "list"], ["job", "post"],
        ["job", "show"], ["job", "cost"], ["proof", "submit"], ["proof", "verify"], ["reward", "claim"], ["validator", "register"],
        ["stake", "withdraw"], ["transfer"], ["stats"], ["blocks"], ["account"], ["chain", "verify"],
    ])
    func help(command: [String]) async throws {
        let (root, cli) = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try await cli.run(command + ["--help"])
        #expect(result.status == 0, "\(result.transcript)")
        #expect(result.stdout.contains("depin "), "\(result.transcript)")
        #expect(result.stdout.lowercased().contains("example"), "\(result.transcript)")
    }
}
