import Foundation
import MarketCore
import Testing
@testable import ComputeWorkloads

@Suite("Deterministic arithmetic")
struct DeterministicMathTests {
    @Test("SplitMix64 matches the reference implementation's first outputs for seed 0")
    func splitMixReference() {
        var generator = SplitMix64(state: 0)
        #expect([generator.next(), generator.next(), generator.next()] == [0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F])
    }

    @Test("uniforms stay in [0, 1) and indices below their bound")
    func ranges() {
        var generator = SplitMix64(state: 42)
        for _ in 0..<10_000 {
            let unit = generator.nextUnit()
            #expect(unit >= 0 && unit < 1)
            #expect((0..<7).contains(generator.multiplyHighIndex(below: 7)))
        }
    }

    @Test("exp, log, sin and cos agree with the platform to about 1e-14", arguments: [
        -740.0, -20.0, -3.25, -1.0, -1e-9, 0.0, 1e-3, 0.5, 1.0, 2.0, 10.0, 100.0, 700.0,
    ])
    func accuracy(x: Double) {
        #expect(abs(DeterministicMath.exp(x) / Foundation.exp(x) - 1) < 1e-14)
        #expect(abs(DeterministicMath.sin(x) - Foundation.sin(x)) < 1e-13)
        #expect(abs(DeterministicMath.cos(x) - Foundation.cos(x)) < 1e-13)
        if x > 0 { #expect(abs(DeterministicMath.log(x) - Foundation.log(x)) <= 1e-15 * max(1, abs(Foundation.log(x)))) }
    }

    @Test("special values")
    func specialValues() {
        #expect(DeterministicMath.exp(800) == .infinity)
        #expect(DeterministicMath.exp(-800) == 0)
        #expect(DeterministicMath.exp(.nan).isNaN)
        #expect(DeterministicMath.log(0) == -.infinity)
        #expect(DeterministicMath.log(-1).isNaN)
        #expect(DeterministicMath.sin(.infinity).isNaN)
    }

    @Test("pinned bit patterns: the same on every machine, unlike libm")
    func pinnedBits() {
        #expect(DeterministicMath.exp(1.0).bitPattern == 4_613_303_445_314_885_482)
        #expect(DeterministicMath.exp(-740.0).bitPattern == 85)
        #expect(DeterministicMath.sin(-3.25).bitPattern == 4_592_460_701_744_014_493)
        #expect(DeterministicMath.sin(0.3).bitPattern == 4_598_995_238_688_307_763)
        #expect(DeterministicMath.cos(10).bitPattern == 13_829_104_940_851_424_034)
        #expect(DeterministicMath.log(10).bitPattern == 4_612_367_379_483_415_830)
    }
}
