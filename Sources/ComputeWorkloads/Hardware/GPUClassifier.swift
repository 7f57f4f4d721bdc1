import MarketCore

/// Maps a GPU's marketing name to the market's tier.
///
/// The name is split into upper-case tokens on spaces, hyphens and underscores
/// ("NVIDIA A100-SXM4-40GB" -> NVIDIA, A100, SXM4, 40GB) and checked in order:
/// 1. TITAN, QUADRO, RTX A-series (A2000...A6000), RTX n000 Ada/Blackwell, RTX PRO -> prosumer;
/// 2. GEFORCE -> consumer;
/// 3. a datacenter model token (H100, A100, L40S, V100, B200...) or TESLA -> datacenter;
/// 4. anything else (RTX/GTX without GeForce, unknown names) -> consumer, the lowest tier, so an
///    unrecognized card never claims more than it is.
public enum GPUClassifier {
    static let datacenterModels: Set<String> = [
        "B100", "B200", "B300", "GB200", "GB300", "GH200", "H100", "H200", "H800", "H20",
        "A100", "A800", "A40", "A30", "A16", "A10", "A10G", "A2",
        "L40", "L40S", "L20", "L4", "V100", "V100S", "P100", "P40", "P4", "T4", "K80", "M60", "M40",
    ]

    public static func tier(ofName name: String) -> GPUTier {
        let tokens = name.uppercased()
            .split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "_" })
            .map(String.init)
        let tokenSet = Set(tokens)
        if tokenSet.contains("TITAN") || tokenSet.contains("QUADRO") { return .prosumer }
        if tokenSet.contains("RTX") {
            if tokens.contains(where: isProfessionalAmpereModel) { return .prosumer }
            if tokenSet.contains("ADA") || tokenSet.contains("BLACKWELL") || tokenSet.contains("PRO") {
                if !tokenSet.contains("GEFORCE") { return .prosumer }
            }
        }
        if tokenSet.contains("GEFORCE") { return .consumer }
        if tokenSet.contains("TESLA") || !tokenSet.isDisjoint(with: datacenterModels) { return .datacenter }
        return .consumer
    }

    /// A2000, A4000, A4500, A5000, A5500, A6000: the letter A and exactly four digits.
    private static func isProfessionalAmpereModel(_ token: String) -> Bool {
        let characters = Array(token)
        return characters.count == 5 && characters[0] == "A" && characters.dropFirst().allSatisfy(\.isNumber)
    }
}
