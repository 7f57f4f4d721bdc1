import MarketCore

/// How a provider agent behaves. Everything but `honest` is an adversary for tests and the demo.
public enum ProviderBehavior: Sendable, Hashable, CustomStringConvertible {
    case honest
    /// Skips training on this fraction of segments (copies the previous checkpoint instead).
    case faker(fraction: Double)
    /// Trains but never uploads its checkpoints, so nobody can check them.
    case withholder

    public var description: String {
        switch self {
        case .honest: "honest"
        case .faker(let fraction): "faker(\(Int(fraction * 100))%)"
        case .withholder: "withholder"
        }
    }

    /// The segments a faker skips on an assignment: a deterministic choice of
    /// `round(fraction x segments)` segments (at least one).
    public func fakedSegments(job: JobID, assignment: UInt32, segments: Int) -> Set<Int> {
        guard case .faker(let fraction) = self, segments > 0 else { return [] }
        let count = max(1, min(segments, Int((Double(segments) * fraction).rounded())))
        var chosen = Set<Int>()
        var counter: UInt64 = 0
        while chosen.count < count {
            var writer = CanonicalWriter()
            writer.write(job)
            writer.write(assignment)
            writer.write(counter)
            chosen.insert(Int(Hash256.tagged("depin/faker", writer.bytes).w0 % UInt64(segments)))
            counter += 1
        }
        return chosen
    }
}

/// How a validator agent behaves.
public enum ValidatorBehavior: String, Sendable, Hashable, CaseIterable {
    case honest
    /// Approves without checking anything.
    case lazy
}
