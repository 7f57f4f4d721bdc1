import Foundation
import MarketCore
import Testing
@testable import ComputeWorkloads

private typealias Mutation = (String, @Sendable (inout WorkloadDescription) -> Void)

private let mlpCases: [Mutation] = [
    ("training.segments", { d in d.training.segments = 0 }),
    ("training.segments", { d in d.training.segments = 4097 }),
    ("training.stepsPerSegment", { d in d.training.stepsPerSegment = 0 }),
    ("training.stepsPerSegment", { d in d.training.stepsPerSegment = 5000 }),
    ("training.batchSize", { d in d.training.batchSize = 0 }),
    ("training.learningRate", { d in d.training.learningRate = .zero }),
    ("training.learningRate", { d in d.training.learningRate = FixedDecimal(integer: 11) }),
    ("training.momentum", { d in d.training.momentum = FixedDecimal(integer: 1) }),
    ("dataset.classes", { d in d.dataset?.classes = 1 }),
    ("dataset.features", { d in d.dataset?.features = 3 }),
    ("dataset.trainSamples", { d in d.dataset?.trainSamples = 0 }),
    ("dataset.testSamples", { d in d.dataset?.testSamples = 2_000_000 }),
    ("dataset.noise", { d in d.dataset?.noise = FixedDecimal(integer: 101) }),
    ("model.hidden", { d in d.model?.hidden = [32, 0] }),
    ("model.hidden", { d in d.model?.hidden = [4097] }),
    ("model.hidden", { d in d.model?.hidden = Array(repeating: 4, count: 9) }),
    ("model", { d in d.model?.hidden = [4096, 4096] }),
    ("training", { d in d.model?.hidden = [1000, 1000]; d.training.batchSize = 4096; d.training.stepsPerSegment = 4096 }),
    ("dataset", { d in d.dataset = nil }),
    ("model", { d in d.model = nil }),
    ("command", { d in d.command = ["python3", "train.py"] }),
    ("workingDirectory", { d in d.workingDirectory = "/tmp" }),
]

private let externalCases: [Mutation] = [
    ("command", { d in d.command = nil }),
    ("command", { d in d.command = [] }),
    ("command", { d in d.command = [""] }),
    ("command", { d in d.command = ["python3", "--segment"] }),
    ("command", { d in d.command = ["python3", "--checkpoint-out=x"] }),
    ("command", { d in d.command = Array(repeating: "a", count: 65) }),
    ("command", { d in d.command = ["python3", String(repeating: "x", count: 4097)] }),
    ("workingDirectory", { d in d.workingDirectory = "" }),
    ("training.segments", { d in d.training.segments = 5000 }),
    ("dataset.classes", { d in d.dataset?.classes = 0 }),
]

@Suite("Workload descriptions")
struct WorkloadDescriptionTests {
    @Test("canonical JSON sorts keys, drops whitespace and normalizes decimals; its SHA-256 is pinned")
    func canonicalBytesArePinned() {
        let json = String(decoding: Fixtures.goldenDescription.canonicalJSON, as: UTF8.self)
        #expect(json == #"{"dataset":{"classes":4,"features":3,"kind":"clusters","noise":"0.4","testSamples":100,"trainSamples":200},"kind":"mlp-v1","model":{"hidden":[8]},"seed":20240601,"training":{"batchSize":8,"learningRate":"0.1","momentum":"0.5","segments":4,"stepsPerSegment":25}}"#)
        #expect(Fixtures.goldenDescription.canonicalHash.hex == "c2c530c6429d74ecec53fde9580285c7b10f5828cf62d07be47415c6f239bab3")
        #expect(Fixtures.goldenDescription.canonicalHash == Hash256.sha256(Fixtures.goldenDescription.canonicalJSON))
    }

    @Test("documents that mean the same thing hash the same")
    func equivalentDocumentsHashAlike() throws {
        let messy = """
        { "training": {"stepsPerSegment": 25, "segments": 4, "batchSize": 8, "learningRate": "0.100", "momentum": "0.50"},
          "seed": 20240601, "kind": "mlp-v1", "model": {"hidden": [8]}, "comment": "ignored",
          "dataset": {"noise": "0.40", "kind": "clusters", "testSamples": 100, "trainSamples": 200, "features": 3, "classes": 4} }
        """
        let decoded = try WorkloadDescription.decode(json: Array(messy.utf8))
        #expect(decoded == Fixtures.goldenDescription)
        #expect(decoded.canonicalHash == Fixtures.goldenDescription.canonicalHash)
        let roundTrip = try WorkloadDescription.decode(json: Fixtures.goldenDescription.canonicalJSON)
        #expect(roundTrip.canonicalJSON == Fixtures.goldenDescription.canonicalJSON)
    }

    @Test("a missing momentum means 0 and hashes like an explicit \"0\"")
    func momentumDefaultsToZero() throws {
        let base = #"{"kind":"mlp-v1","seed":1,"dataset":{"kind":"spirals","classes":2,"features":2,"trainSamples":10,"testSamples":10,"noise":0},"model":{"hidden":[]},"training":{"segments":1,"stepsPerSegment":1,"batchSize":1,"learningRate":"0.5"#
        let implicit = try WorkloadDescription.decode(json: Array((base + #""}}"#).utf8))
        let explicit = try WorkloadDescription.decode(json: Array((base + #"","momentum":"0"}}"#).utf8))
        #expect(implicit.training.momentum == .zero)
        #expect(implicit.canonicalHash == explicit.canonicalHash)
    }

    @Test("strings are escaped exactly once, the JCS way")
    func stringEscaping() {
        let value = CanonicalJSON.object(["b": .string("q\"\\/\n\u{01}é"), "a": .array([.integer(-3), .unsigned(UInt64.max)])])
        #expect(String(decoding: value.bytes, as: UTF8.self) == #"{"a":[-3,18446744073709551615],"b":"q\"\\/\n\u0001é"}"#)
    }

    @Test("decimal strings parse exactly and print canonically", arguments: [
        ("0.05", Int64(50_000_000), "0.05"), ("0.50", 500_000_000, "0.5"), ("2", 2_000_000_000, "2"),
        ("10.000000001", 10_000_000_001, "10.000000001"), ("007.5", 7_500_000_000, "7.5"),
    ])
    func decimalParsing(text: String, billionths: Int64, canonical: String) {
        let value = FixedDecimal(text)
        #expect(value?.billionths == billionths)
        #expect(value?.description == canonical)
    }

    @Test("malformed decimal strings are refused", arguments: ["", ".5", "5.", "-1", "1e-3", "0.0000000001", "1,5", " 1", "1234567890"])
    func decimalRejects(text: String) {
        #expect(FixedDecimal(text) == nil)
    }

    @Test("a JSON float for a decimal is refused with a clear error")
    func floatLearningRateIsRefused() {
        let json = #"{"kind":"mlp-v1","seed":1,"dataset":{"kind":"spirals","classes":2,"features":2,"trainSamples":10,"testSamples":10,"noise":"0"},"model":{"hidden":[]},"training":{"segments":1,"stepsPerSegment":1,"batchSize":1,"learningRate":0.05}}"#
        #expect(throws: WorkloadError.self) { try WorkloadDescription.decode(json: Array(json.utf8)) }
    }

    @Test("the demo and golden descriptions are valid")
    func examplesValidate() throws {
        try WorkloadDescription.demo().validate()
        try Fixtures.goldenDescription.validate()
        try Fixtures.numpyDescription().validate()
    }

    @Test("out-of-bounds or contradictory descriptions name the offending field", arguments: mlpCases)
    func mlpValidation(field: String, mutate: @Sendable (inout WorkloadDescription) -> Void) {
        var description = WorkloadDescription.demo()
        mutate(&description)
        #expect(validationField(description) == field)
    }

    @Test("external descriptions need a program and keep the protocol's flags for themselves", arguments: externalCases)
    func externalValidation(field: String, mutate: @Sendable (inout WorkloadDescription) -> Void) {
        var description = Fixtures.numpyDescription()
        mutate(&description)
        #expect(validationField(description) == field)
    }

    @Test("an external description may omit dataset and model")
    func externalNeedsOnlyCommand() throws {
        let description = WorkloadDescription(
            kind: .external, seed: 1,
            training: TrainingSpec(segments: 2, stepsPerSegment: 1, batchSize: 1, learningRate: FixedDecimal(integer: 1)),
            command: ["./train"])
        try description.validate()
        #expect(String(decoding: description.canonicalJSON, as: UTF8.self)
            == #"{"command":["./train"],"kind":"external","seed":1,"training":{"batchSize":1,"learningRate":"1","momentum":"0","segments":2,"stepsPerSegment":1}}"#)
    }

    @Test("oversized documents are refused before parsing")
    func oversizedDocument() {
        let json = [UInt8](repeating: UInt8(ascii: " "), count: WorkloadLimits.maxDescriptionBytes + 1)
        #expect(throws: WorkloadError.self) { try WorkloadDescription.decode(json: json) }
    }

    private func validationField(_ description: WorkloadDescription) -> String? {
        do {
            try description.validate()
            return nil
        } catch {
            guard case .invalidDescription(let field, _) = error else { return "unexpected \(error)" }
            return field
        }
    }
}
