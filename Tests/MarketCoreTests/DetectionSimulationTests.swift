import DepinTestSupport
import MarketCore
import MarketSimulation
import Testing

/// A provider fakes a fraction f of its segments; honest validators reject when a segment they
/// must check was faked, which opens a dispute that the honest majority then decides. Over many
/// seeds the measured detection rate must match 1 - (1 - f)^(members x q) within statistical bounds.
@Suite("Detection probability")
struct DetectionSimulationTests {
    static let segments: UInt32 = 100
    static let trials = 300

    /// Runs one job through the real state machine; returns whether the fake was caught.
    static func trial(seed: UInt64, fakedFraction: Double) throws -> Bool {
        var market = try MarketFixture()
        var random = SplitMix64(seed: seed)
        let fakedCount = Int((Double(segments) * fakedFraction).rounded())
        var faked = Set<UInt32>()
        while faked.count < fakedCount { faked.insert(UInt32(random.int(in: 0...Int(segments - 1)))) }
        var spec = MarketFixture.jobSpec(segments: segments)
        spec.workloadHash = Hash256.tagged("detection/trial", seed.canonicalBytesForTest)
        let job = market.jobAwaitingVotes(job: spec)
        for _ in 0..<3 {
            guard let assignment = market.assignment(job), assignment.status == .voting else { break }
            let votes = assignment.committee.map { member -> Bool in
                let required = assignment.requiredSegments(for: member.validator) ?? []
                return faked.isDisjoint(with: required)
            }
            market.castVotes(job, votes)
        }
        let status = market.assignment(job)?.status
        precondition(status == .verified || status == .rejected, "trial \(seed) ended \(String(describing: status))")
        return status == .rejected
    }

    @Test("Measured detection matches 1 - (1 - f)^(members x q)", arguments: [0.1, 0.25, 0.5])
    func detectionMatchesFormula(fakedFraction: Double) throws {
        let parameters = MarketParameters()
        let draws = Int(parameters.committeeSize * parameters.segmentsPerValidator)
        var caught = 0
        for trial in 0..<Self.trials where try Self.trial(seed: UInt64(trial) &* 7_919 &+ 1, fakedFraction: fakedFraction) {
            caught += 1
        }
        let measured = Double(caught) / Double(Self.trials)
        let formula = Challenge.detectionProbability(fakedFraction: fakedFraction, members: Int(parameters.committeeSize),
                                                     segmentsPerMember: Int(parameters.segmentsPerValidator))
        // Each member draws q distinct segments, so the exact miss chance is hypergeometric; the
        // formula assumes independent draws. Both must agree with the measurement.
        let faked = Double(Self.segments) * fakedFraction
        var memberMiss = 1.0
        for draw in 0..<Int(parameters.segmentsPerValidator) {
            memberMiss *= (Double(Self.segments) - faked - Double(draw)) / (Double(Self.segments) - Double(draw))
        }
        var exact = 1.0
        for _ in 0..<Int(parameters.committeeSize) { exact *= memberMiss }
        exact = 1 - exact
        let sigma = (exact * (1 - exact) / Double(Self.trials)).squareRoot()
        #expect(abs(measured - exact) <= 4 * sigma + 0.005,
                "f=\(fakedFraction): measured \(measured), exact \(exact), formula \(formula), draws \(draws)")
        #expect(abs(formula - exact) <= 0.02, "formula \(formula) vs exact \(exact)")
    }

    @Test("With the default stake and slash settings, faking any fraction f of the work has negative expected value")
    func cheatingHasNegativeExpectedValue() throws {
        let parameters = MarketParameters()
        // A one-GPU job of 10 GPU-hours at 0.9 token: payout P = cost - fee; the provider's own cost
        // of computing W is at most P (else it would not take the job) — the worst case is W = P.
        let cost = try Amount(microUnits: 900_000).multiplied(by: 10)
        let payout = Double(try cost.subtracting(cost.share(basisPoints: parameters.platformFeeBasisPoints)).microUnits)
        let stake = Double(parameters.providerStakePerGPU.microUnits)
        let slash = stake * Double(parameters.invalidProofSlashBasisPoints) / 10_000
        let work = payout
        for percent in 1...100 {
            let f = Double(percent) / 100
            let detection = Challenge.detectionProbability(
                fakedFraction: f, members: Int(parameters.committeeSize), segmentsPerMember: Int(parameters.segmentsPerValidator))
            // Cheating saves f x W of compute; when caught it forfeits the payout and the slash.
            let honest = payout - work
            let cheating = (1 - detection) * payout - (1 - f) * work - detection * slash
            #expect(cheating < honest, "f=\(f): cheating \(cheating) >= honest \(honest)")
        }
    }

    @Test("A provider that fakes nothing is never rejected by honest validators")
    func honestWorkIsNeverRejected() throws {
        for trial in 0..<40 {
            #expect(try !Self.trial(seed: UInt64(trial) + 10_000, fakedFraction: 0))
        }
    }
}

extension UInt64 {
    fileprivate var canonicalBytesForTest: [UInt8] {
        var writer = CanonicalWriter()
        writer.write(self)
        return writer.bytes
    }
}
