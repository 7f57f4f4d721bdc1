/// Committee and segment selection. Everything here is a pure function of public data (the hash
/// of the block after the proof, the job, the assignment, the round and the validator set), so
/// anyone can recompute who must check what, and the provider cannot pick easy segments.
public enum Challenge {
    /// The seed for one committee round.
    public static func seed(blockHash: Hash256, job: JobID, assignment: UInt32, round: UInt32) -> Hash256 {
        var writer = CanonicalWriter()
        writer.write(blockHash)
        writer.write(job)
        writer.write(assignment)
        writer.write(round)
        return Hash256.tagged("depin/challenge", writer.bytes)
    }

    /// Draws up to `size` members from `candidates` (sorted, deduplicated) without replacement:
    /// a partial Fisher-Yates shuffle driven by SHA-256 of the seed and the draw index. Returns the
    /// members in draw order. Bias from reducing a 64-bit value modulo the pool size is below 2^-50.
    public static func committee(candidates: [Address], size: Int, seed: Hash256) -> [Address] {
        var pool = candidates
        let count = min(size, pool.count)
        for index in 0..<count {
            let draw = random(seed: seed, label: 0, counter: UInt64(index), extra: nil)
            let pick = index + Int(draw % UInt64(pool.count - index))
            pool.swapAt(index, pick)
        }
        return Array(pool.prefix(count))
    }

    /// The `perValidator` distinct segment indices in `0..<segmentCount` that `validator` must
    /// re-execute, ascending. All segments when there are no more than `perValidator`.
    public static func segments(seed: Hash256, validator: Address, perValidator: Int, segmentCount: UInt32) -> [UInt32] {
        guard segmentCount > 0 else { return [] }
        if UInt64(segmentCount) <= UInt64(perValidator) { return Array(0..<segmentCount) }
        var chosen: [UInt32] = []
        var counter: UInt64 = 0
        while chosen.count < perValidator {
            let draw = random(seed: seed, label: 1, counter: counter, extra: validator)
            let segment = UInt32(draw % UInt64(segmentCount))
            if !chosen.contains(segment) { chosen.append(segment) }
            counter += 1
        }
        return chosen.sorted()
    }

    private static func random(seed: Hash256, label: UInt8, counter: UInt64, extra: Address?) -> UInt64 {
        var writer = CanonicalWriter(capacity: 64)
        writer.write(seed)
        writer.write(label)
        writer.write(counter)
        if let extra { writer.write(extra) }
        return Hash256.tagged("depin/draw", writer.bytes).w0
    }

    /// Probability that a committee of `members` each checking `segmentsPerMember` independently
    /// drawn segments catches a provider that faked a fraction `fakedFraction` of the segments:
    /// 1 - (1 - f)^(members x q).
    public static func detectionProbability(fakedFraction: Double, members: Int, segmentsPerMember: Int) -> Double {
        1 - pow(1 - fakedFraction, Double(members * segmentsPerMember))
    }
}

private func pow(_ base: Double, _ exponent: Double) -> Double {
    var result = 1.0
    var remaining = Int(exponent)
    while remaining > 0 {
        result *= base
        remaining -= 1
    }
    return result
}
