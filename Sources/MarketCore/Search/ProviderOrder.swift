/// Orders of a provider search. Ties always fall back to registration order, ascending, so pages
/// never overlap or skip.
public enum ProviderOrder: Hashable, Sendable, CaseIterable {
    case registered
    case rateAscending
    case rateDescending
    case reputationAscending
    case reputationDescending
    case availabilityAscending
    case availabilityDescending

    /// Whether the order depends on measured availability, which changes with the height alone.
    var usesAvailability: Bool { self == .availabilityAscending || self == .availabilityDescending }
}
