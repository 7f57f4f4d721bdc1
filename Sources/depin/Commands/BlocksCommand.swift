import ArgumentParser
import MarketAPI
import MarketCore

/// `depin blocks`: recent blocks.
struct BlocksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "blocks",
        abstract: "Show blocks: the latest or a given height, and the ones before it.",
        discussion: """
            Example:
              depin blocks                  # the latest block
              depin blocks 120 --count 10   # blocks 120 down to 111
              depin blocks latest --json
            """
    )

    @Argument(help: "`latest` or a height.")
    var block: String = "latest"

    @Option(help: "How many blocks, going back from BLOCK (1-1000).")
    var count: Int = 1

    @OptionGroup var options: ClientOptions

    func validate() throws {
        guard block == "latest" || BlockHeight(block) != nil else {
            throw ValidationError("BLOCK must be `latest` or a height, got '\(block)'.")
        }
        guard (1...1_000).contains(count) else { throw ValidationError("--count must be between 1 and 1000.") }
    }

    func run() async throws {
        try await reportingErrors(json: options.json) {
            let client = try options.client()
            let first = if let height = BlockHeight(block) { try await client.block(at: height) } else { try await client.latestBlock() }
            var blocks = [first]
            var height = first.height
            while blocks.count < count, height > 0 {
                height -= 1
                blocks.append(try await client.block(at: height))
            }
            if options.json {
                if count == 1 {
                    try Output.printJSON(first)
                } else {
                    try Output.printJSON(blocks)
                }
                return
            }
            if count == 1 {
                print(BlocksCommand.render(first))
                return
            }
            var table = Table([
                .init("HEIGHT", .right), .init("HASH"), .init("TXS", .right), .init("FAILED", .right), .init("EVENTS", .right),
                .init("TIME (ms)", .right),
            ])
            for block in blocks {
                let events = block.transactions.reduce(block.boundaryEvents.count) { $0 + $1.events.count }
                table.append([
                    String(block.height), Format.hash(block.hash), String(block.transactionCount),
                    String(block.transactions.count(where: { !$0.success })), String(events), String(block.timestampMillis),
                ])
            }
            print(table.render())
        }
    }

    static func render(_ block: BlockView) -> String {
        var details = Details()
        details.append("height", String(block.height))
        details.append("hash", block.hash.hex)
        details.append("previous", block.previousHash.hex)
        details.append("time (ms)", String(block.timestampMillis))
        details.append("state root", block.stateRoot.hex)
        details.append("transactions", String(block.transactionCount))
        var text = details.render()
        if !block.transactions.isEmpty {
            var table = Table([.init("TX"), .init("SENDER"), .init("NONCE", .right), .init("TYPE"), .init("RESULT")])
            for transaction in block.transactions {
                table.append([
                    Format.hash(transaction.id), Format.address(transaction.sender), String(transaction.nonce), transaction.type,
                    transaction.success ? "ok" : "error \(transaction.error.map { "\($0.code) \($0.name)" } ?? "?")",
                ])
            }
            text += "\n\n" + table.render()
        }
        let events = block.transactions.flatMap(\.events) + block.boundaryEvents
        if !events.isEmpty {
            text += "\n\nevents:\n" + events.map { "  " + Format.event($0) }.joined(separator: "\n")
        }
        return text
    }
}
