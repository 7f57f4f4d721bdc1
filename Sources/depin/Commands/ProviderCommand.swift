import ArgumentParser
import MarketAPI
import MarketClient
import MarketCore

/// `depin provider`: list GPUs on the market.
struct ProviderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "provider",
        abstract: "Register GPUs, send heartbeats and inspect providers.",
        discussion: """
            A provider stakes per GPU, must heartbeat to stay online, and is matched to jobs by \
            tier, memory, free GPUs, availability and price.

            Example:
              depin provider register --tier prosumer --gpus 4 --memory-gb 24 --rate 0.4 --key gpu-box
              depin provider heartbeat --key gpu-box
              depin provider list --online --tier prosumer
            """,
        subcommands: [Register.self, Heartbeat.self, Update.self, Unregister.self, Show.self, List.self, ProviderRunCommand.self]
    )

    /// Hardware flags shared by `register` and `update`.
    struct HardwareOptions: ParsableArguments {
        @Option(help: "GPU tier: consumer, prosumer or datacenter.")
        var tier: String?

        @Option(help: "Number of GPUs offered.")
        var gpus: UInt32?

        @Option(name: .customLong("memory-gb"), help: "Memory per GPU in GB (at least 8).")
        var memoryGB: UInt32?

        @Option(help: "Price per GPU-hour in tokens, e.g. 0.4.")
        var rate: String?

        func validate() throws {
            if let tier { _ = try Parse.tier(tier) }
            if let gpus { try Parse.positive(gpus, "--gpus") }
            if let memoryGB { try Parse.positive(memoryGB, "--memory-gb") }
            if let rate { _ = try Parse.amount(rate, "--rate") }
        }

        func spec(defaults: ProviderView?) throws -> ProviderSpec {
            guard let tier = try tier.map({ try Parse.tier($0) }) ?? defaults?.tier,
                  let gpus = gpus ?? defaults?.gpuCount,
                  let memory = memoryGB ?? defaults?.memoryPerGPUGB,
                  let rate = try rate.map({ try Parse.amount($0, "--rate") }) ?? defaults?.ratePerGPUHour
            else { throw ValidationError("Give --tier, --gpus, --memory-gb and --rate.") }
            return ProviderSpec(tier: tier, gpuCount: gpus, memoryPerGPUGB: memory, ratePerGPUHour: rate, attested: false)
        }
    }

    struct Register: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register as a provider (register-provider); stakes the per-GPU stake from the balance.",
            discussion: """
                Hardware declared here is marked unattested. Registration counts as the first heartbeat.

                Example:
                  depin provider register --tier consumer --gpus 1 --memory-gb 24 --rate 0.2 --key gpu-box
                """
        )

        @OptionGroup var hardware: HardwareOptions
        @OptionGroup var options: ClientOptions

        func validate() throws {
            guard hardware.tier != nil, hardware.gpus != nil, hardware.memoryGB != nil, hardware.rate != nil else {
                throw ValidationError("register needs --tier, --gpus, --memory-gb and --rate.")
            }
        }

        func run() async throws {
            try await reportingErrors(json: options.json) {
                let spec = try hardware.spec(defaults: nil)
                try await options.execute(.registerProvider(spec)) { receipt in
                    receipt.event(.providerRegistered).flatMap { event in
                        event.stake.map { "registered; staked \(Format.tokens($0)) tokens" }
                    }
                }
            }
        }
    }

    struct Heartbeat: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Prove liveness for the current availability window (provider-heartbeat).",
            discussion: """
                Availability is measured from heartbeats: send one at least every availability window.

                Example:
                  depin provider heartbeat --key gpu-box
                """
        )

        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await reportingErrors(json: options.json) {
                try await options.execute(.providerHeartbeat)
            }
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change hardware or price; flags not given keep their current values.",
            discussion: """
                The stake follows the GPU count: more GPUs take more stake from the balance.

                Example:
                  depin provider update --rate 0.35 --key gpu-box
                """
        )

        @OptionGroup var hardware: HardwareOptions
        @OptionGroup var options: ClientOptions

        func validate() throws {
            guard hardware.tier != nil || hardware.gpus != nil || hardware.memoryGB != nil || hardware.rate != nil else {
                throw ValidationError("Give at least one of --tier, --gpus, --memory-gb and --rate.")
            }
        }

        func run() async throws {
            try await reportingErrors(json: options.json) {
                let current = try await options.client().provider(try options.keyFile().address)
                try await options.execute(.updateProvider(try hardware.spec(defaults: current)))
            }
        }
    }

    struct Unregister: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Stop offering GPUs and start unbonding the stake.",
            discussion: """
                Refused while the provider holds assignments. Withdraw the stake with \
                `depin stake withdraw` after the unbonding period.

                Example:
                  depin provider unregister --key gpu-box
                """
        )

        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await reportingErrors(json: options.json) {
                try await options.execute(.unregisterProvider) { receipt in
                    receipt.event(.providerUnregistered)?.releaseHeight.map { "stake withdrawable from height \($0)" }
                }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a provider (get-provider-info); defaults to --key's account.",
            discussion: "Example:\n  depin provider show depin1... \n  depin provider show --key gpu-box --json"
        )

        @Argument(help: "Provider address or key name.")
        var provider: String?

        @OptionGroup var options: ClientOptions

        func validate() throws {
            if let provider { try Parse.checkAddressOrKeyName(provider, "PROVIDER") }
        }

        func run() async throws {
            try await reportingErrors(json: options.json) {
                let client = try options.client()
                let view = try await client.provider(try options.addressOrOwn(provider))
                if options.json {
                    try Output.printJSON(view)
                    return
                }
                let height = try await client.status().height
                var details = Details()
                details.append("address", view.address.description)
                details.append("status", ProviderStanding.describe(view, height: height))
                details.append("online", Format.yesNo(view.online))
                details.append("tier", view.tier.description)
                details.append("gpus", "\(view.gpuCount) (\(view.freeGPUs) free) x \(view.memoryPerGPUGB) GB")
                details.append("rate", "\(Format.tokens(view.ratePerGPUHour)) per GPU-hour")
                details.append("attested", Format.yesNo(view.attested))
                details.append("stake", "\(Format.tokens(view.stake)) (required \(Format.tokens(view.requiredStake)))")
                details.append("reputation", "\(view.reputation)/100")
                details.append("availability", Format.percent(basisPoints: view.availabilityBasisPoints))
                details.append("last heartbeat", "height \(view.lastHeartbeat)")
                details.append("registered", "height \(view.registeredAt)")
                if view.jailedUntil > 0 { details.append("jailed until", "height \(view.jailedUntil)") }
                details.append("assignments", "\(view.activeAssignments) active, \(view.completedAssignments) completed, \(view.failedAssignments) failed")
                details.append("earned", Format.tokens(view.earned))
                details.append("slashed", Format.tokens(view.slashed))
                print(details.render())
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List providers, filtered and sorted.",
            discussion: """
                Example:
                  depin provider list --online --tier prosumer --min-free-gpus 2 --max-rate 0.5 --sort rate
                """
        )

        @Option(help: "Minimum tier.")
        var tier: String?

        @Option(name: .customLong("min-memory-gb"), help: "Minimum memory per GPU in GB.")
        var minMemoryGB: UInt32?

        @Option(name: .customLong("min-free-gpus"), help: "Minimum free GPUs.")
        var minFreeGPUs: UInt32?

        @Option(name: .customLong("max-rate"), help: "Highest price per GPU-hour in tokens.")
        var maxRate: String?

        @Option(name: .customLong("min-availability"), help: "Minimum measured availability in percent (0-100).")
        var minAvailability: Double?

        @Flag(inversion: .prefixedNo, help: "Only providers that are (or are not) online.")
        var online: Bool?

        @Option(help: "Order: registered (default), rate, reputation or availability; prefix '-' for descending (--sort=-reputation).")
        var sort: String?

        @Option(help: "Skip this many providers.")
        var offset: Int?

        @Option(help: "At most this many providers (the node bounds it).")
        var limit: Int?

        @OptionGroup var options: ClientOptions

        func validate() throws {
            if let tier { _ = try Parse.tier(tier) }
            if let maxRate { _ = try Parse.amount(maxRate, "--max-rate", allowZero: true) }
            if let minAvailability, !(0...100).contains(minAvailability) {
                throw ValidationError("--min-availability must be a percentage between 0 and 100.")
            }
            if let offset, offset < 0 { throw ValidationError("--offset must not be negative.") }
            if let limit, limit < 1 { throw ValidationError("--limit must be at least 1.") }
        }

        func run() async throws {
            try await reportingErrors(json: options.json) {
                let filter = ProviderFilter(
                    tier: try tier.map { try Parse.tier($0) }, minMemoryGB: minMemoryGB, minFreeGPUs: minFreeGPUs,
                    maxRate: try maxRate.map { try Parse.amount($0, "--max-rate", allowZero: true) },
                    minAvailabilityBasisPoints: minAvailability.map { UInt32(($0 * 100).rounded()) },
                    online: online, sort: sort, offset: offset, limit: limit)
                let client = try options.client()
                let page = try await client.providers(filter)
                if options.json {
                    try Output.printJSON(page)
                    return
                }
                let height = try await client.status().height
                var table = Table([
                    .init("ADDRESS"), .init("TIER"), .init("GPUS", .right), .init("FREE", .right), .init("GB", .right),
                    .init("RATE", .right), .init("AVAIL", .right), .init("REP", .right), .init("ONLINE"), .init("STATUS"),
                ])
                for provider in page.items {
                    table.append([
                        Format.address(provider.address), provider.tier.description, String(provider.gpuCount),
                        String(provider.freeGPUs), String(provider.memoryPerGPUGB), Format.tokens(provider.ratePerGPUHour),
                        Format.percent(basisPoints: provider.availabilityBasisPoints), String(provider.reputation),
                        Format.yesNo(provider.online), ProviderStanding.describe(provider, height: height),
                    ])
                }
                print(table.render(empty: "no providers match"))
                printPageFooter(page)
            }
        }
    }
}
