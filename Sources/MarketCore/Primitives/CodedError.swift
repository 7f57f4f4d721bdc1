/// The one shape of every error that reaches a user, from whichever layer: a stable numeric code,
/// a stable kebab-case name and a sentence for people.
///
/// Codes are ranged by layer and never reused: 500-599 the market rules (`MarketError`), 600-699
/// the ledger (`LedgerError`), 700-799 the HTTP API, 800-899 clients. The node builds its JSON
/// error body `{code, name, message}` from these three fields. Messages say what went wrong in
/// the protocol's terms; hints that name CLI commands belong to the CLI.
public protocol CodedError: Error, Sendable, CustomStringConvertible {
    var code: Int { get }
    var name: String { get }
    var message: String { get }
}

extension CodedError {
    /// `error CODE NAME: MESSAGE`, the form logs and the CLI print.
    public var description: String { "error \(code) \(name): \(message)" }
}
