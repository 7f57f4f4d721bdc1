import Hummingbird
import MarketAPI
import MarketCore

/// Typed, strict reading of a request's query string. Each value is parsed once; a value that
/// does not parse, a repeated key, or a key the endpoint does not read is a 400 (709 invalid-query).
struct QueryParameters {
    private var values: [String: String] = [:]
    private var read: Set<String> = []

    /// Largest accepted `offset`.
    static let maxOffset = 100_000_000

    init(_ request: Request) throws(APIFailure) {
        for (key, value) in request.uri.queryParameters {
            let name = String(key)
            guard !name.isEmpty else { continue }
            guard values[name] == nil else { throw .invalidQuery("query parameter `\(name)` is given more than once") }
            values[name] = String(value)
        }
    }

    /// The raw text of `name` (empty values count as absent).
    mutating func string(_ name: String) -> String? {
        read.insert(name)
        guard let value = values[name], !value.isEmpty else { return nil }
        return value
    }

    mutating func integer<Value: FixedWidthInteger>(
        _ name: String, _ type: Value.Type = Value.self, in range: ClosedRange<Value>? = nil
    ) throws(APIFailure) -> Value? {
        guard let text = string(name) else { return nil }
        guard let value = Value(text) else { throw .invalidQuery("`\(name)` must be an integer, got '\(text)'") }
        if let range, !range.contains(value) {
            throw .invalidQuery("`\(name)` must be between \(range.lowerBound) and \(range.upperBound), got \(value)")
        }
        return value
    }

    mutating func bool(_ name: String) throws(APIFailure) -> Bool? {
        guard let text = string(name) else { return nil }
        switch text.lowercased() {
        case "true", "1": return true
        case "false", "0": return false
        default: throw .invalidQuery("`\(name)` must be true or false, got '\(text)'")
        }
    }

    mutating func amount(_ name: String) throws(APIFailure) -> Amount? {
        guard let text = string(name) else { return nil }
        guard let amount = Amount(tokens: text) else {
            throw .invalidQuery("`\(name)` must be a decimal token amount with at most 6 decimals (e.g. 0.75), got '\(text)'")
        }
        return amount
    }

    mutating func tier(_ name: String) throws(APIFailure) -> GPUTier? {
        guard let text = string(name) else { return nil }
        guard let tier = GPUTier(name: text) else {
            throw .invalidQuery("`\(name)` must be consumer, prosumer or datacenter (or 1-3), got '\(text)'")
        }
        return tier
    }

    mutating func address(_ name: String) throws(APIFailure) -> Address? {
        guard let text = string(name) else { return nil }
        guard let address = Address(text) else {
            throw .invalidQuery("`\(name)` must be a depin1... address, got '\(text)'")
        }
        return address
    }

    /// One of `Value.allCases`, by exact spelling (a `WireState` spelling this build does not
    /// know is refused too).
    mutating func choice<Value: RawRepresentable & CaseIterable>(_ name: String, _ type: Value.Type) throws(APIFailure) -> Value?
    where Value.RawValue == String {
        guard let text = string(name) else { return nil }
        guard let value = Value.allCases.first(where: { $0.rawValue == text }) else {
            throw .invalidQuery("`\(name)` must be one of \(Value.allCases.map(\.rawValue).joined(separator: ", ")), got '\(text)'")
        }
        return value
    }

    /// `offset` (default 0) and `limit` (1...maxLimit, default `defaultLimit`).
    mutating func page(defaultLimit: Int = 50, maxLimit: Int = 500) throws(APIFailure) -> (offset: Int, limit: Int) {
        let offset = try integer("offset", Int.self, in: 0...Self.maxOffset) ?? 0
        let limit = try integer("limit", Int.self, in: 1...maxLimit) ?? defaultLimit
        return (offset, limit)
    }

    /// Fails on any parameter the endpoint did not read.
    func finish() throws(APIFailure) {
        let unknown = values.keys.filter { !read.contains($0) }.sorted()
        guard unknown.isEmpty else {
            let allowed = read.isEmpty ? "this endpoint takes no query parameters" : "allowed: \(read.sorted().joined(separator: ", "))"
            throw .invalidQuery("unknown query parameter\(unknown.count == 1 ? "" : "s") \(unknown.map { "`\($0)`" }.joined(separator: ", ")); \(allowed)")
        }
    }
}

extension Page {
    /// The `offset..<offset+limit` slice of `all` (already filtered and sorted).
    static func slice<Source>(_ all: [Source], offset: Int, limit: Int, _ transform: (Source) -> Item) -> Page<Item> {
        let start = min(offset, all.count)
        let end = min(start + limit, all.count)
        return Page(items: all[start..<end].map(transform), total: all.count, offset: offset, limit: limit)
    }
}
