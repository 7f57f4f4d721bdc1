/// Labelled values, one per line, labels aligned: for `show` commands.
///
///     address     depin1...
///     balance     12.5
struct Details {
    private(set) var lines: [(String, String)] = []

    mutating func append(_ label: String, _ value: String) {
        lines.append((label, value))
    }

    mutating func append(_ label: String, _ value: String?, default fallback: String = "-") {
        lines.append((label, value ?? fallback))
    }

    func render() -> String {
        let width = lines.map(\.0.count).max() ?? 0
        return lines.map { label, value in
            label + String(repeating: " ", count: width - label.count) + "  " + value
        }.joined(separator: "\n")
    }
}
