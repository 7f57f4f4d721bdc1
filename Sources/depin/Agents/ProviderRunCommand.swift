import ArgumentParser
import ComputeWorkloads
import Foundation
import MarketAgents
import MarketCore

/// `depin provider run`: the long-running provider agent.
struct ProviderRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the provider agent: register, heartbeat, take jobs, train, prove, claim.",
        discussion: """
            Detects GPUs with nvidia-smi; without one, declare the hardware (marked unattested).
            State and checkpoints live in --data-dir, so a restarted agent resumes training and never
            submits a proof twice. Stop it with Ctrl-C.

            Example:
              depin provider run --key alice --tier datacenter --gpus 8 --memory-gb 80 --rate 0.9
            """
    )

    @OptionGroup var client: ClientOptions

    @Option(help: "Directory for the agent's state and checkpoints (default ~/.depin/agents/provider-KEY).")
    var dataDir: String?

    @Option(help: "Declared tier when no GPU is detected: consumer, prosumer or datacenter.")
    var tier: String?

    @Option(help: "Declared GPU count when no GPU is detected.")
    var gpus: UInt32?

    @Option(name: .customLong("memory-gb"), help: "Declared memory per GPU in GB when no GPU is detected.")
    var memoryGB: UInt32?

    @Option(help: "Price per GPU-hour in tokens, e.g. 0.9.")
    var rate: String

    @Flag(help: "Ignore nvidia-smi and use the declared hardware.")
    var noDetect = false

    @Flag(help: "Only work on jobs matched to this provider; never call accept-job.")
    var noAccept = false

    @Option(help: "Adversary for tests and demos: skip training on this fraction of segments (0-1).")
    var fakeFraction: Double?

    @Flag(help: "Adversary for tests and demos: never upload checkpoints.")
    var withhold = false

    func validate() throws {
        guard Amount(tokens: rate) != nil else { throw ValidationError("--rate must be a token amount such as 0.9") }
        if let tier, GPUTier(name: tier) == nil { throw ValidationError("--tier must be consumer, prosumer or datacenter") }
        if let fakeFraction, !(fakeFraction > 0 && fakeFraction <= 1) { throw ValidationError("--fake-fraction must be in (0, 1]") }
    }

    func run() async throws {
        let key = try client.keyFile()
        let detected = noDetect ? nil : GPUDetector.detect()
        let hardware: (GPUTier, UInt32, UInt32, Bool)
        if let detected {
            hardware = (detected.tier, UInt32(detected.gpuCount), detected.memoryPerGPUGB, true)
            PrintingObserver.line("detected \(detected.gpuCount) GPU(s): \(detected.gpus.map(\.name).joined(separator: ", "))")
        } else {
            guard let tierName = tier, let tier = GPUTier(name: tierName), let gpus, let memoryGB else {
                throw ValidationError("No GPU detected (nvidia-smi not found): declare the hardware with --tier, --gpus and --memory-gb.")
            }
            hardware = (tier, gpus, memoryGB, false)
            PrintingObserver.line("no GPU detected: using declared hardware \(gpus)x \(tier) \(memoryGB) GB (unattested)")
        }
        let behavior: ProviderBehavior = withhold ? .withholder : fakeFraction.map { .faker(fraction: $0) } ?? .honest
        let directory = URL(fileURLWithPath: KeysDirectoryOptions.expand(dataDir ?? "~/.depin/agents/provider-\(key.name)"))
        let agent = try ProviderAgent(
            client: try client.client(), key: key.key,
            configuration: .init(name: key.name, tier: hardware.0, gpuCount: hardware.1, memoryPerGPUGB: hardware.2,
                                 attested: hardware.3, ratePerGPUHour: Amount(tokens: rate) ?? .zero, dataDirectory: directory,
                                 behavior: behavior, acceptsJobs: !noAccept),
            observer: PrintingObserver())
        PrintingObserver.line("provider \(agent.address) running against \(client.node); state in \(directory.path)")
        await agent.run()
    }
}
