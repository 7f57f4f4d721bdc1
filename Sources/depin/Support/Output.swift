import Foundation
import MarketAPI

/// Writing to stdout and stderr.
enum Output {
    /// Pretty JSON with sorted keys, as `--json` prints it.
    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func printJSON(_ value: some Encodable) throws {
        print(try json(value))
    }

    /// A line on standard error.
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Text on standard error without a newline (progress bars).
    static func errorRaw(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}

/// "showing 1-20 of 45" under a listing when there is more than one page.
func printPageFooter<Item>(_ page: Page<Item>) {
    guard page.total > page.items.count else { return }
    let first = page.items.isEmpty ? page.offset : page.offset + 1
    print("showing \(first)-\(page.offset + page.items.count) of \(page.total); use --offset and --limit for more")
}
