/// A state the API reports by name, such as a job's `status` or an assignment's `phase`.
///
/// The raw value is the exact JSON spelling. Every conforming enum lists the spellings this build
/// knows in `allCases` and keeps any other spelling in its `unrecognized` case: a newer node may
/// report a state this client has never heard of, and decoding then still succeeds, so an older
/// client or agent keeps working and skips what it does not understand (as it did when states
/// were plain strings). Such a value encodes back to the spelling it came with. Code that must
/// only accept known states, such as query filters, uses `init?(known:)`.
public protocol WireState: RawRepresentable<String>, CaseIterable, Codable, CodingKeyRepresentable, Hashable, Sendable,
    CustomStringConvertible where AllCases == [Self] {
    /// A spelling this build does not know, kept exactly as it was received.
    static func unrecognized(_ spelling: String) -> Self
}

extension WireState {
    /// The known state spelled `rawValue`, or `unrecognized(rawValue)`; never fails.
    public init(rawValue: String) {
        self = Self(known: rawValue) ?? .unrecognized(rawValue)
    }

    /// The known state spelled exactly `spelling`, or nil for a spelling this build does not know.
    public init?(known spelling: String) {
        guard let state = Self.allCases.first(where: { $0.rawValue == spelling }) else { return nil }
        self = state
    }

    /// Whether this build knows the state (it is one of `allCases`).
    public var isRecognized: Bool { Self.allCases.contains(self) }

    /// The JSON spelling.
    public var description: String { rawValue }
}
