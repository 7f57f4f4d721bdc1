import MarketAPI
import MarketCore

/// How values look in human output.
enum Format {
    /// Tokens without trailing zeros: `12.5`, `0.000001`, `3`.
    static func tokens(_ amount: Amount) -> String {
        var text = amount.description
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// `depin1qxy…abcd`.
    static func address(_ address: Address) -> String {
        address.short
    }

    static func address(_ address: Address?) -> String {
        address.map(\.short) ?? "-"
    }

    /// The first 12 hex digits of a hash.
    static func hash(_ hash: Hash256) -> String {
        String(hash.hex.prefix(12))
    }

    /// Basis points as a percentage: `9500` → `95%`, `9525` → `95.25%`.
    static func percent(basisPoints: UInt32) -> String {
        let whole = basisPoints / 100
        let fraction = basisPoints % 100
        if fraction == 0 { return "\(whole)%" }
        let digits = fraction < 10 ? "0\(fraction)" : "\(fraction)"
        return "\(whole).\(digits.hasSuffix("0") ? String(digits.dropLast()) : digits)%"
    }

    static func yesNo(_ value: Bool) -> String {
        value ? "yes" : "no"
    }

    /// An event as one line: its kind, then its fields as `name=value` in a fixed order.
    static func event(_ event: EventView) -> String {
        var parts = [event.kind.rawValue]
        func add(_ name: String, _ value: String?) {
            if let value { parts.append("\(name)=\(value)") }
        }
        add("job", event.job?.description)
        add("assignment", event.assignment.map(String.init))
        add("provider", event.provider.map(Format.address))
        add("validator", event.validator.map(Format.address))
        add("client", event.client.map(Format.address))
        add("from", event.from.map(Format.address))
        add("to", event.to.map(Format.address))
        add("owner", event.owner.map(Format.address))
        add("amount", event.amount.map(tokens))
        add("budget", event.budget.map(tokens))
        add("cost", event.cost.map(tokens))
        add("fee", event.fee.map(tokens))
        add("payout", event.payout.map(tokens))
        add("rate", event.rate.map(tokens))
        add("stake", event.stake.map(tokens))
        add("refund", event.refund.map(tokens))
        add("gpuHours", event.gpuHours.map(String.init))
        add("gpus", event.gpus.map(String.init))
        add("tier", event.tier?.description)
        add("round", event.round.map(String.init))
        add("members", event.members.map { $0.map(Format.address).joined(separator: ",") })
        add("approve", event.approve.map(String.init))
        add("reason", event.reason)
        add("status", event.status?.rawValue)
        add("releaseHeight", event.releaseHeight.map(String.init))
        add("checkpointRoot", event.checkpointRoot.map(hash))
        add("resultHash", event.resultHash.map(hash))
        add("segments", event.segments.map { $0.map(String.init).joined(separator: ",") })
        return parts.joined(separator: " ")
    }
}
