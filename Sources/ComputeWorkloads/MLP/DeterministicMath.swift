/// exp, log, sin and cos from IEEE-754 +, -, *, / only, in a fixed order.
///
/// Platform libm implementations may differ in the last bit between glibc, Darwin and CPU-specific
/// vector paths, which would break bit-identical replay. These are accurate to a few ulp, which is
/// plenty for training, and give the same bits everywhere. (Swift never fuses `a * b + c` into an
/// FMA unless asked, so each operation rounds on its own.)
public enum DeterministicMath {
    // Cody-Waite split of ln 2 (fdlibm): k * ln2Hi is exact for |k| < 2^11.
    static let ln2Hi = 6.931_471_803_691_238_164_90e-01
    static let ln2Lo = 1.908_214_929_270_587_700_02e-10
    static let log2e = 1.442_695_040_888_963_387_00
    static let twoPiHi = 6.283_185_307_179_586_232_00
    static let twoPiLo = 2.449_293_598_294_706_354_45e-16
    static let sqrt2 = 1.414_213_562_373_095_145_47

    public static func exp(_ x: Double) -> Double {
        if x.isNaN { return x }
        if x > 709.782_712_893_384 { return .infinity }
        if x < -745.133_219_101_941_1 { return 0 }
        let k = (x * log2e).rounded(.toNearestOrEven)
        let r = (x - k * ln2Hi) - k * ln2Lo
        // Taylor series to r^14 (|r| <= 0.35, remainder below 1e-17), Horner form.
        var p = 1.0
        var n = 14.0
        while n >= 1.0 {
            p = 1.0 + (r / n) * p
            n = n - 1.0
        }
        return scaled(p, byPowerOfTwo: Int(k))
    }

    public static func log(_ x: Double) -> Double {
        if x.isNaN || x < 0 { return .nan }
        if x == 0 { return -.infinity }
        if x == .infinity { return x }
        var exponent = Int(x.exponent)
        var m = x.significand
        if m > sqrt2 {
            m = m / 2.0
            exponent += 1
        }
        // log m = 2 atanh(s), s = (m - 1) / (m + 1), |s| <= 0.1716; series to s^31.
        let s = (m - 1.0) / (m + 1.0)
        let s2 = s * s
        var series = 0.0
        var n = 31.0
        while n >= 1.0 {
            series = 1.0 / n + s2 * series
            n = n - 2.0
        }
        let logM = 2.0 * s * series
        let e = Double(exponent)
        return e * ln2Hi + (e * ln2Lo + logM)
    }

    public static func sin(_ x: Double) -> Double {
        guard x.isFinite else { return .nan }
        let r = reduced(x)
        let r2 = r * r
        // sin r = r (1 - r^2/(2*3) (1 - r^2/(4*5) (1 - ...))), to r^33.
        var p = 1.0
        var n = 32.0
        while n >= 2.0 {
            p = 1.0 - (r2 / (n * (n + 1.0))) * p
            n = n - 2.0
        }
        return r * p
    }

    public static func cos(_ x: Double) -> Double {
        guard x.isFinite else { return .nan }
        let r = reduced(x)
        let r2 = r * r
        var p = 1.0
        var n = 31.0
        while n >= 1.0 {
            p = 1.0 - (r2 / (n * (n + 1.0))) * p
            n = n - 2.0
        }
        return p
    }

    /// `x` reduced to about [-pi, pi] by whole turns.
    private static func reduced(_ x: Double) -> Double {
        let k = (x / twoPiHi).rounded(.toNearestOrEven)
        return (x - k * twoPiHi) - k * twoPiLo
    }

    /// `value * 2^power` without libm's scalbn, in two exact steps so subnormal results round once.
    private static func scaled(_ value: Double, byPowerOfTwo power: Int) -> Double {
        if power > 1000 {
            return value * Double(sign: .plus, exponent: 1000, significand: 1) * Double(sign: .plus, exponent: power - 1000, significand: 1)
        }
        if power < -1000 {
            return value * Double(sign: .plus, exponent: -1000, significand: 1) * Double(sign: .plus, exponent: power + 1000, significand: 1)
        }
        return value * Double(sign: .plus, exponent: power, significand: 1)
    }
}
