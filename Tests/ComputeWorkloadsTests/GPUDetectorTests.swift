import MarketCore
import Testing
@testable import ComputeWorkloads

@Suite("GPU detection")
struct GPUDetectorTests {
    struct Expectation: Sendable, CustomTestStringConvertible {
        var fixture: String
        var output: String
        var count: Int
        var tier: GPUTier
        var memoryPerGPUGB: UInt32
        var firstName: String
        var testDescription: String { fixture }
    }

    @Test("each recorded machine parses to its count, tier and memory", arguments: [
        Expectation(fixture: "H100 80GB HBM3", output: NvidiaSMIFixtures.h100SXM, count: 1, tier: .datacenter, memoryPerGPUGB: 85, firstName: "NVIDIA H100 80GB HBM3"),
        Expectation(fixture: "A100-SXM4-40GB", output: NvidiaSMIFixtures.a100SXM40, count: 1, tier: .datacenter, memoryPerGPUGB: 42, firstName: "NVIDIA A100-SXM4-40GB"),
        Expectation(fixture: "A100 80GB PCIe", output: NvidiaSMIFixtures.a100PCIe80, count: 1, tier: .datacenter, memoryPerGPUGB: 85, firstName: "NVIDIA A100 80GB PCIe"),
        Expectation(fixture: "GeForce RTX 4090", output: NvidiaSMIFixtures.rtx4090, count: 1, tier: .consumer, memoryPerGPUGB: 25, firstName: "NVIDIA GeForce RTX 4090"),
        Expectation(fixture: "RTX A6000", output: NvidiaSMIFixtures.rtxA6000, count: 1, tier: .prosumer, memoryPerGPUGB: 51, firstName: "NVIDIA RTX A6000"),
        Expectation(fixture: "8x H100", output: NvidiaSMIFixtures.hgxH100x8, count: 8, tier: .datacenter, memoryPerGPUGB: 85, firstName: "NVIDIA H100 80GB HBM3"),
        Expectation(fixture: "A6000 + 4090", output: NvidiaSMIFixtures.mixedWorkstation, count: 2, tier: .consumer, memoryPerGPUGB: 25, firstName: "NVIDIA RTX A6000"),
    ])
    func recordedMachines(_ expected: Expectation) throws {
        let parsed = NvidiaSMIOutput(parsing: expected.output)
        #expect(parsed.rejected.isEmpty)
        let output = expected.output
        let detected = GPUDetector.detect(runner: { output })
        let hardware = try #require(detected)
        #expect(hardware.gpuCount == expected.count)
        #expect(hardware.tier == expected.tier)
        #expect(hardware.memoryPerGPUGB == expected.memoryPerGPUGB)
        #expect(hardware.gpus.first?.name == expected.firstName)
        #expect(hardware.gpus.allSatisfy { $0.uuid.hasPrefix("GPU-") })
        #expect(hardware.attested)
        #expect(Set(hardware.gpus.map(\.uuid)).count == expected.count)
    }

    @Test("memory converts MiB to decimal GB rounding down", arguments: [
        (81559, UInt32(85)), (40960, 42), (24564, 25), (49140, 51), (953, 0), (954, 1), (143_771, 150),
    ])
    func memoryConversion(mebibytes: Int, gigabytes: UInt32) {
        #expect(GPUDevice(name: "x", memoryMiB: mebibytes, uuid: "GPU-x").memoryGB == gigabytes)
    }

    @Test("malformed lines are reported with their reason; good lines still count")
    func malformedLines() {
        let parsed = NvidiaSMIOutput(parsing: NvidiaSMIFixtures.malformed)
        #expect(parsed.gpus.map(\.name) == ["NVIDIA H100 80GB HBM3"])
        #expect(parsed.rejected.map(\.number) == [1, 3, 4, 5, 6, 7])
        #expect(parsed.rejected[1].reason.contains("[N/A]"))
        #expect(parsed.rejected[2].reason.contains("got 2"))
        #expect(parsed.rejected[3].reason == "empty GPU name")
        #expect(parsed.rejected[4].reason.contains("GPU-"))
        let detected = GPUDetector.detect(runner: { NvidiaSMIFixtures.malformed })
        #expect(detected?.gpuCount == 1)
    }

    @Test("no nvidia-smi, no devices or empty output means nothing detected", arguments: [nil, NvidiaSMIFixtures.noDevices, "", "\n\n"])
    func nothingDetected(output: String?) {
        let detected = GPUDetector.detect(runner: { output })
        #expect(detected == nil)
    }

    @Test("GPU names map to tiers", arguments: [
        ("NVIDIA H100 80GB HBM3", GPUTier.datacenter), ("NVIDIA H100 PCIe", .datacenter), ("NVIDIA H100 NVL", .datacenter),
        ("NVIDIA H200", .datacenter), ("NVIDIA H800", .datacenter), ("NVIDIA GH200 480GB", .datacenter),
        ("NVIDIA B200", .datacenter), ("NVIDIA A100-SXM4-80GB", .datacenter), ("NVIDIA A800 80GB PCIe", .datacenter),
        ("NVIDIA L40S", .datacenter), ("NVIDIA L40", .datacenter), ("NVIDIA L4", .datacenter), ("NVIDIA A10G", .datacenter),
        ("NVIDIA A40", .datacenter), ("Tesla V100-SXM2-16GB", .datacenter), ("Tesla T4", .datacenter), ("Tesla P100-PCIE-16GB", .datacenter),
        ("NVIDIA RTX A6000", .prosumer), ("NVIDIA RTX A5000", .prosumer), ("NVIDIA RTX A4000", .prosumer),
        ("NVIDIA RTX 6000 Ada Generation", .prosumer), ("NVIDIA RTX 4000 SFF Ada Generation", .prosumer),
        ("NVIDIA RTX PRO 6000 Blackwell Workstation Edition", .prosumer), ("Quadro RTX 8000", .prosumer),
        ("NVIDIA TITAN RTX", .prosumer), ("NVIDIA TITAN V", .prosumer),
        ("NVIDIA GeForce RTX 4090", .consumer), ("NVIDIA GeForce RTX 3090 Ti", .consumer), ("NVIDIA GeForce RTX 5090", .consumer),
        ("NVIDIA GeForce GTX 1080 Ti", .consumer), ("NVIDIA GeForce RTX 4060 Laptop GPU", .consumer), ("Some Future GPU", .consumer),
    ])
    func tiers(name: String, tier: GPUTier) {
        #expect(GPUClassifier.tier(ofName: name) == tier)
    }

    @Test("declared hardware is never attested")
    func declaredHardware() {
        let declared = DeclaredHardware(gpuCount: 2, tier: .prosumer, memoryPerGPUGB: 48)
        #expect(!declared.attested)
        let described: any HardwareDescription = declared
        #expect(described.gpuCount == 2 && described.tier == .prosumer && described.memoryPerGPUGB == 48)
    }

    @Test("the default runner returns nil when nvidia-smi is not on PATH")
    func defaultRunnerWithoutDriver() {
        guard GPUDetector.findOnPath("nvidia-smi") == nil else { return }
        let output = GPUDetector.runNvidiaSMI()
        #expect(output == nil)
        let detected = GPUDetector.detect()
        #expect(detected == nil)
    }
}
