import DepinTestSupport
import Testing
@testable import MarketCore
import MarketSimulation

private let alice = Address.derived(from: "encoding/alice")
private let bob = Address.derived(from: "encoding/bob")
private let carol = Address.derived(from: "encoding/carol")
private let rootHash = Hash256.tagged("encoding/root", [])
private let resultHash = Hash256.tagged("encoding/result", [])

private func micro(_ value: UInt64) -> Amount { Amount(microUnits: value) }

/// The decoding error for `bytes`, or nil when they decode.
private func decodingError<T: CanonicalDecodable>(_ type: T.Type, _ bytes: [UInt8]) -> CanonicalDecodingError? {
    do {
        _ = try T(canonicalBytes: bytes)
        return nil
    } catch {
        return error
    }
}

/// Decodes to an equal value that re-encodes to the same bytes; one extra byte is refused as
/// trailing and every strict prefix as truncated.
private func expectCanonical<T: CanonicalCodable & Equatable>(_ value: T, sourceLocation: SourceLocation = #_sourceLocation) {
    let bytes = value.canonicalBytes
    do {
        let decoded = try T(canonicalBytes: bytes)
        #expect(decoded == value, sourceLocation: sourceLocation)
        #expect(decoded.canonicalBytes == bytes, sourceLocation: sourceLocation)
    } catch {
        Issue.record("\(T.self) does not decode its own encoding: \(error)", sourceLocation: sourceLocation)
    }
    #expect(decodingError(T.self, bytes + [0]) == .trailingBytes(1), sourceLocation: sourceLocation)
    var wrong: [Int] = []
    for length in 0..<bytes.count where decodingError(T.self, Array(bytes.prefix(length))) != .truncated {
        wrong.append(length)
    }
    #expect(wrong.isEmpty, "\(T.self) prefixes not refused as truncated: \(wrong.prefix(8))", sourceLocation: sourceLocation)
}

private func replacing(_ bytes: [UInt8], at index: Int, with byte: UInt8) -> [UInt8] {
    var copy = bytes
    copy[index] = byte
    return copy
}

private let providerSpec = ProviderSpec(tier: .prosumer, gpuCount: 4, memoryPerGPUGB: 24, ratePerGPUHour: micro(450_000), attested: true)
private let jobSpec = MarketFixture.jobSpec(tier: .datacenter, gpus: 2, memory: 40, gpuHours: 12, maxRate: micro(1_500_000), segments: 16)
private let evidence = [
    SegmentEvidence(segment: 3, startHash: Hash256.tagged("e", [3]), endHash: Hash256.tagged("e", [4])),
    SegmentEvidence(segment: 9, startHash: .zero, endHash: .zero),
]
private let changedParameters: MarketParameters = {
    var parameters = MarketParameters()
    parameters.committeeSize = 7
    parameters.verificationThreshold = 4
    parameters.platformFeeBasisPoints = 300
    parameters.providerStakePerGPU = micro(12_345_678)
    parameters.mintingEnabled = true
    return parameters
}()

/// One of every transaction body, in tag order.
private let bodies: [TransactionBody] = [
    .transfer(to: alice, amount: micro(123)),
    .registerProvider(providerSpec),
    .providerHeartbeat,
    .updateProvider(ProviderSpec(tier: 7, gpuCount: 0, memoryPerGPUGB: 0, ratePerGPUHour: .zero)),
    .unregisterProvider,
    .registerValidator(stake: .tokens(100)),
    .unregisterValidator,
    .withdrawStake,
    .postJob(spec: jobSpec, budget: .tokens(100)),
    .cancelJob(JobID(7)),
    .matchJob(JobID(8)),
    .acceptJob(JobID(9), gpuHours: 3),
    .submitProof(JobID(10), assignment: 2, checkpointRoot: rootHash, resultHash: resultHash, segmentCount: 16),
    .verifyProof(JobID(11), assignment: 1, approve: true, evidence: evidence),
    .claimReward(JobID(12)),
    .updateParameters(changedParameters),
    .mint(to: bob, amount: micro(UInt64.max)),
]

/// One of every event, in tag order.
private let events = MarketEventSamples.all

@Suite("transaction body encoding")
struct TransactionBodyEncodingTests {
    @Test("the samples cover every transaction body once, tagged 1-17 in order")
    func coverage() {
        #expect(Set(bodies.map(\.name)).count == 17)
        #expect(bodies.map { $0.canonicalBytes[0] } == Array(1...17))
    }

    @Test("every transaction body round-trips and is strict about length", arguments: bodies)
    func roundTrip(body: TransactionBody) {
        expectCanonical(body)
    }

    @Test("unknown body tags are refused", arguments: [UInt8(0), 18, 200, 255])
    func unknownTag(tag: UInt8) {
        #expect(decodingError(TransactionBody.self, [tag]) == .invalidTag("transaction body", tag))
    }

    @Test("booleans other than 0 and 1 are refused")
    func strictBooleans() {
        let vote = TransactionBody.verifyProof(JobID(1), assignment: 0, approve: false, evidence: []).canonicalBytes
        // tag, job (8), assignment (4), approve
        #expect(decodingError(TransactionBody.self, replacing(vote, at: 13, with: 2)) == .invalidBool(2))
        let register = TransactionBody.registerProvider(providerSpec).canonicalBytes
        #expect(decodingError(TransactionBody.self, replacing(register, at: register.count - 1, with: 0xff)) == .invalidBool(0xff))
    }

    @Test("evidence lists longer than 64 are refused before reading them")
    func evidenceBound() {
        var writer = CanonicalWriter()
        writer.write(UInt8(14))
        writer.write(JobID(1))
        writer.write(UInt32(0))
        writer.write(true)
        writer.write(UInt32(65))
        #expect(decodingError(TransactionBody.self, writer.bytes) == .tooLong("evidence", 65))
    }

    @Test("a transaction's body encoding is independent of its sender and nonce")
    func transactionBodyBytes() {
        let first = Transaction(sender: alice, nonce: 1, fee: micro(1_000), body: .withdrawStake)
        let second = Transaction(sender: bob, nonce: 9, fee: micro(2_000), body: .withdrawStake)
        #expect(first.body.canonicalBytes == second.body.canonicalBytes)
        #expect(TransactionBody.withdrawStake.canonicalBytes == [8])
    }
}

@Suite("event encoding")
struct EventEncodingTests {
    @Test("the samples cover every event once, tagged 1-26 in order, with distinct kinds")
    func coverage() {
        #expect(Set(events.map(\.kind)).count == 26)
        #expect(events.map { $0.canonicalBytes[0] } == Array(1...26))
    }

    @Test("every event round-trips and is strict about length", arguments: events)
    func roundTrip(event: MarketEvent) {
        expectCanonical(event)
    }

    @Test("unknown event tags are refused", arguments: [UInt8(0), 27, 255])
    func unknownTag(tag: UInt8) {
        #expect(decodingError(MarketEvent.self, [tag]) == .invalidTag("event", tag))
    }

    @Test("enum fields inside events are checked")
    func enumFields() {
        let slashed = MarketEvent.providerSlashed(provider: alice, amount: micro(1), reason: .downtime).canonicalBytes
        #expect(decodingError(MarketEvent.self, replacing(slashed, at: slashed.count - 1, with: 5)) == .invalidTag("penalty reason", 5))
        let settled = MarketEvent.jobSettled(job: JobID(1), status: .completed, refund: micro(1)).canonicalBytes
        #expect(decodingError(MarketEvent.self, replacing(settled, at: 9, with: 5)) == .invalidTag("job status", 5))
        let registered = MarketEvent.providerRegistered(provider: alice, tier: .consumer, gpus: 1, rate: micro(1), stake: micro(1)).canonicalBytes
        #expect(decodingError(MarketEvent.self, replacing(registered, at: 21, with: 0)) == .invalidTag("tier", 0))
        #expect(decodingError(MarketEvent.self, replacing(registered, at: 21, with: 4)) == .invalidTag("tier", 4))
        let vote = MarketEvent.voteCast(job: JobID(1), assignment: 0, validator: bob, approve: false).canonicalBytes
        #expect(decodingError(MarketEvent.self, replacing(vote, at: vote.count - 1, with: 2)) == .invalidBool(2))
    }

    @Test("committee member lists longer than 64 and disputed segment lists longer than 4,096 are refused")
    func membersBound() {
        var writer = CanonicalWriter()
        writer.write(UInt8(14))
        writer.write(JobID(1))
        writer.write(UInt32(0))
        writer.write(UInt32(0))
        writer.write(UInt32(65))
        #expect(decodingError(MarketEvent.self, writer.bytes) == .tooLong("members", 65))
        var dispute = CanonicalWriter()
        dispute.write(UInt8(26))
        dispute.write(JobID(1))
        dispute.write(UInt32(0))
        dispute.write(UInt32(4_097))
        #expect(decodingError(MarketEvent.self, dispute.bytes) == .tooLong("segments", 4_097))
    }

    @Test("transaction outcomes round-trip; unknown tags and error codes are refused")
    func outcomes() {
        expectCanonical(TransactionOutcome.succeeded(events))
        expectCanonical(TransactionOutcome.succeeded([]))
        expectCanonical(TransactionOutcome.failed(.jobNotFound))
        #expect(decodingError(TransactionOutcome.self, [2]) == .invalidTag("outcome", 2))
        guard case .some(.invalidValue) = decodingError(TransactionOutcome.self, [1, 0x03, 0xe7]) else {
            Issue.record("error code 999 decoded")
            return
        }
    }
}

@Suite("record encoding")
struct RecordEncodingTests {
    /// A market whose records hold every kind of field: a job with a rejected and a verified
    /// assignment (proofs, committees, votes), an unbonding validator and a slashed provider.
    static func market() throws -> MarketFixture {
        var fixture = try MarketFixture()
        fixture.registerProvider(1, MarketFixture.spec(rate: .tokens(1)))
        let job = fixture.jobAwaitingVotes()
        fixture.castVotes(job, [true, false, false, true, true])
        fixture.castVotes(job, [true, false, false, false])
        _ = fixture.run(fixture.outsider, .matchJob(job))
        _ = fixture.submitProof(job, 1)
        fixture.chain.advance(blocks: 1)
        fixture.castVotes(job, [true, true, true, true, true], assignment: 1)
        _ = fixture.run(fixture.validators[6], .unregisterValidator)
        _ = fixture.postJob(client: 1)
        return fixture
    }

    @Test("every committed entry of a busy market decodes and re-encodes to the same bytes")
    func snapshotEntries() throws {
        let fixture = try Self.market()
        let job = try #require(fixture.state.jobs[JobID(1)])
        #expect(job.assignments.map(\.status) == [.rejected, .verified])
        #expect(fixture.state.validators[fixture.validators[6]]?.status != .active)
        for entry in fixture.state.snapshotEntries() {
            let bytes = try #require(entry.value)
            expectCanonical(entry.key)
            switch entry.key {
            case .globals: #expect(try Globals(canonicalBytes: bytes).canonicalBytes == bytes)
            case .parameters: #expect(try MarketParameters(canonicalBytes: bytes) == fixture.parameters)
            case .account(let address): #expect(try Account(canonicalBytes: bytes) == fixture.state.accounts[address])
            case .provider(let address): #expect(try Provider(canonicalBytes: bytes) == fixture.state.providers[address])
            case .validator(let address): #expect(try Validator(canonicalBytes: bytes) == fixture.state.validators[address])
            case .job(let id): #expect(try Job(canonicalBytes: bytes) == fixture.state.jobs[id])
            }
        }
    }

    @Test("records and their parts round-trip and refuse trailing or missing bytes")
    func recordsRoundTrip() throws {
        let fixture = try Self.market()
        let job = try #require(fixture.state.jobs[JobID(1)])
        expectCanonical(job)
        for assignment in job.assignments {
            expectCanonical(assignment)
            if let proof = assignment.proof { expectCanonical(proof) }
            for member in assignment.committee { expectCanonical(member) }
            for vote in assignment.votes {
                expectCanonical(vote)
                for item in vote.evidence { expectCanonical(item) }
            }
        }
        expectCanonical(job.spec)
        expectCanonical(fixture.state.globals)
        expectCanonical(fixture.state.parameters)
        expectCanonical(changedParameters)
        expectCanonical(providerSpec)
        for provider in fixture.state.providers.values { expectCanonical(provider) }
        for validator in fixture.state.validators.values { expectCanonical(validator) }
        for account in fixture.state.accounts.values.prefix(5) { expectCanonical(account) }
        expectCanonical(BondingStatus.active)
        expectCanonical(BondingStatus.unbonding(releaseHeight: .max))
        for key in [StateKey.globals, .parameters, .account(alice), .provider(bob), .validator(carol), .job(JobID(.max))] {
            expectCanonical(key)
        }
        for status in JobStatus.allCases { expectCanonical(status) }
        for status in AssignmentStatus.allCases { expectCanonical(status) }
        for tier in GPUTier.allCases { expectCanonical(tier) }
        for reason in PenaltyReason.allCases { expectCanonical(reason) }
        expectCanonical(VotingPhase.sampling)
        expectCanonical(VotingPhase.dispute)
    }

    @Test("out-of-range enum bytes are refused")
    func enumBytes() {
        #expect(decodingError(JobStatus.self, [5]) == .invalidTag("job status", 5))
        #expect(decodingError(AssignmentStatus.self, [7]) == .invalidTag("assignment status", 7))
        #expect(decodingError(BondingStatus.self, [2]) == .invalidTag("bonding status", 2))
        #expect(decodingError(GPUTier.self, [0]) == .invalidTag("tier", 0))
        #expect(decodingError(GPUTier.self, [4]) == .invalidTag("tier", 4))
        #expect(decodingError(PenaltyReason.self, [5]) == .invalidTag("penalty reason", 5))
        #expect(decodingError(StateKey.self, [6]) == .invalidTag("state key", 6))
        #expect(decodingError(VotingPhase.self, [2]) == .invalidTag("voting phase", 2))
    }

    @Test("inconsistent records are refused")
    func inconsistentRecords() throws {
        let fixture = try Self.market()
        var provider = try #require(fixture.state.providers[fixture.providers[1]])
        provider.busyGPUs = provider.gpuCount + 1
        guard case .some(.invalidValue) = decodingError(Provider.self, provider.canonicalBytes) else {
            Issue.record("a provider with more busy than registered GPUs decoded")
            return
        }
        var globals = fixture.state.globals
        globals.jobsByStatus.append(0)
        guard case .some(.invalidValue) = decodingError(Globals.self, globals.canonicalBytes) else {
            Issue.record("globals with an extra status counter decoded")
            return
        }
    }

    @Test("optional tags, booleans and list bounds inside records are checked")
    func fieldStrictness() throws {
        let fixture = try Self.market()
        let assignment = try #require(fixture.state.jobs[JobID(1)]?.assignments.first)
        let bytes = assignment.canonicalBytes
        // index 4, provider 20, gpuHours 8, gpus 4, rate 8, cost 8, assignedAt 8, proofDeadline 8, status 1
        #expect(bytes[69] == 1)
        #expect(decodingError(Assignment.self, replacing(bytes, at: 69, with: 2)) == .invalidTag("optional", 2))
        let parameters = changedParameters.canonicalBytes
        #expect(decodingError(MarketParameters.self, replacing(parameters, at: parameters.count - 1, with: 2)) == .invalidBool(2))
        var member = CanonicalWriter()
        member.write(alice)
        member.write(UInt32(65))
        #expect(decodingError(CommitteeMember.self, member.bytes) == .tooLong("segments", 65))
        var vote = CanonicalWriter()
        vote.write(alice)
        vote.write(true)
        vote.write(UInt32(65))
        #expect(decodingError(Vote.self, vote.bytes) == .tooLong("evidence", 65))
        #expect(decodingError(Address.self, Array(repeating: 0, count: 19)) == .truncated)
    }
}

@Suite("reachable states decode")
struct ReachableStateEncodingTests {
    @Test("an assignment whose every committee stayed silent still decodes after the last redraw")
    func manySkippedValidators() throws {
        var parameters = MarketParameters()
        parameters.committeeSize = 64
        parameters.segmentsPerValidator = 1
        parameters.verificationThreshold = 33
        parameters.maxCommitteeRedraws = 16
        parameters.validationDeadlineBlocks = 1
        let client = Address.derived(from: "encoding/skip/client")
        let provider = Address.derived(from: "encoding/skip/provider")
        let validators = (0..<1_090).map { Address.derived(from: "encoding/skip/validator/\($0)") }
        var chain = try SimulatedChain(genesis: GenesisState(
            parameters: parameters, governance: Address.derived(from: "encoding/skip/governance"),
            allocations: [GenesisState.Allocation(address: client, amount: .tokens(1_000)),
                          GenesisState.Allocation(address: provider, amount: .tokens(1_000))],
            validators: validators.map { GenesisState.InitialValidator(address: $0, stake: .tokens(100)) }))
        chain.advance(blocks: 1)
        #expect(chain.run(provider, .registerProvider(MarketFixture.spec()))?.error == nil)
        #expect(chain.run(client, .postJob(spec: MarketFixture.jobSpec(), budget: .tokens(100)))?.error == nil)
        #expect(chain.run(client, .matchJob(JobID(1)))?.error == nil)
        #expect(chain.run(provider, .submitProof(JobID(1), assignment: 0, checkpointRoot: rootHash, resultHash: resultHash,
                                                 segmentCount: 8))?.error == nil)
        for _ in 0..<100 where chain.state.jobs[JobID(1)]?.assignments.first?.status != .unverifiable {
            chain.advance(blocks: 1)
        }
        let job = try #require(chain.state.jobs[JobID(1)])
        #expect(job.assignments[0].status == .unverifiable)
        // 17 silent committees of 64 (rounds 0-16), all distinct.
        #expect(job.assignments[0].skippedValidators.count == 1_088)
        #expect(decodingError(Job.self, job.canonicalBytes) == nil)
    }
}

@Suite("dispute evidence encoding")
struct DisputeEvidenceEncodingTests {
    @Test("parameters whose disputes could need more evidence than a vote carries are refused")
    func oversizedDisputesAreRefused() throws {
        var parameters = MarketParameters()
        parameters.segmentsPerValidator = 40
        #expect(throws: MarketError.invalidParameters) { try parameters.validate() }
    }

    @Test("a dispute at the largest allowed sample size fits a vote on the wire and in state")
    func disputeEvidenceFitsVote() throws {
        var parameters = MarketParameters()
        parameters.segmentsPerValidator = 12
        var fixture = try MarketFixture(parameters: parameters)
        let job = fixture.jobAwaitingVotes(job: MarketFixture.jobSpec(segments: 4_096))
        // Two members reject their 12-segment samples: the dispute covers the union of both.
        fixture.castVotes(job, [false, false, true, true, true])
        let assignment = try #require(fixture.assignment(job))
        #expect(assignment.phase == .dispute)
        #expect(assignment.disputedSegments.count > 12)
        #expect(assignment.disputedSegments.count <= 64)
        let (member, body) = try #require(fixture.vote(job, member: 2, approve: true))
        #expect(decodingError(TransactionBody.self, body.canonicalBytes) == nil)
        #expect(fixture.run(member, body)?.error == nil)
        let record = try #require(fixture.state.jobs[job])
        #expect(decodingError(Job.self, record.canonicalBytes) == nil)
    }
}

@Suite("address text form")
struct AddressTextTests {
    private static let charset = Array("qpzry9x8gf2tvdw0s3jn54khce6mua7l")

    static let samples: [Address] = (0..<20).map { Address.derived(from: "encoding/address/\($0)") }
        + [Address(bytes: Array(repeating: 0, count: 20)), Address(bytes: Array(repeating: 0xff, count: 20))].compactMap { $0 }

    @Test("Bech32m text round-trips, in lower or upper case, but not mixed")
    func roundTrip() {
        #expect(Self.samples.count == 22)
        for address in Self.samples {
            let text = address.description
            #expect(text.hasPrefix("depin1"))
            #expect(text.count == 44)
            #expect(text == text.lowercased())
            #expect(Address(text) == address)
            #expect(Address(text.uppercased()) == address)
            let mixed = "DEPIN1" + text.dropFirst(6)
            #expect(Address(mixed) == nil)
            #expect(Address(bytes: address.bytes) == address)
        }
    }

    @Test("every single-character typo is detected", arguments: AddressTextTests.samples.prefix(4))
    func singleTypos(address: Address) {
        let text = Array(address.description)
        var accepted: [String] = []
        for position in text.indices where position != 5 {
            for replacement in Self.charset where replacement != text[position] {
                var typo = text
                typo[position] = replacement
                if Address(String(typo)) != nil { accepted.append(String(typo)) }
            }
        }
        #expect(accepted.isEmpty, "typos accepted: \(accepted.prefix(3))")
    }

    @Test("every swap of two neighbouring different characters is detected", arguments: AddressTextTests.samples)
    func transpositions(address: Address) {
        let text = Array(address.description)
        for position in 6..<(text.count - 1) where text[position] != text[position + 1] {
            var swapped = text
            swapped.swapAt(position, position + 1)
            #expect(Address(String(swapped)) == nil, "\(String(swapped))")
        }
    }

    @Test("a wrong prefix, a wrong length or a Bech32 (not m) checksum is refused")
    func wrongShapes() {
        let address = Self.samples[0]
        let otherPrefix = Bech32m.encode(prefix: "other", bytes: address.bytes)
        #expect(Bech32m.decode(otherPrefix)?.bytes == address.bytes)
        #expect(Address(otherPrefix) == nil)
        #expect(Address(Bech32m.encode(prefix: "depin", bytes: Array(address.bytes.prefix(19)))) == nil)
        #expect(Address(Bech32m.encode(prefix: "depin", bytes: address.bytes + [0])) == nil)
        #expect(Address(bytes: Array(address.bytes.prefix(19))) == nil)
        #expect(Address(bytes: address.bytes + [0]) == nil)
        for text in ["", "depin1", "depin", "1", address.description + "q", String(address.description.dropLast()),
                     "depin 1" + address.description.dropFirst(6),
                     String(repeating: "q", count: 91)] {
            #expect(Address(text) == nil, "\(text)")
        }
    }

    @Test("BIP-350 vectors: Bech32m strings decode, Bech32 and malformed ones do not")
    func bip350Vectors() {
        #expect(Bech32m.decode("a1lqfn3a").map { $0.prefix } == "a")
        #expect(Bech32m.decode("a1lqfn3a")?.bytes == [])
        #expect(Bech32m.decode("A1LQFN3A").map { $0.prefix } == "a")
        #expect(Bech32m.decode("?1v759aa").map { $0.prefix } == "?")
        #expect(Bech32m.decode("abcdef1l7aum6echk45nj3s0wdvt2fg8x9yrzpqzd3ryx")?.bytes.count == 20)
        #expect(Bech32m.decode("split1checkupstagehandshakeupstreamerranterredcaperredlc445v")?.bytes.count == 30)
        for invalid in ["a12uel5l", "A12UEL5L", "M1VUXWEZ", "16plkw9", "1p2gdwpf", "y1b0jsk6g", "lt1igcx5c0",
                        "in1muywd", "mm1crxm3i", "au1s5cgom", "qyrz8wqd2c9m", "1qyrz8wqd2c9m"] {
            #expect(Bech32m.decode(invalid) == nil, "\(invalid)")
        }
    }
}

@Suite("amounts")
struct AmountTests {
    @Test("decimal token text parses to exact micro-units", arguments: [
        ("0", UInt64(0)), ("12", 12_000_000), ("12.5", 12_500_000), ("0.000001", 1), ("1.000000", 1_000_000),
        ("0.9", 900_000), ("007", 7_000_000), ("18446744073709.551615", UInt64.max),
    ] as [(String, UInt64)])
    func parse(text: String, microUnits: UInt64) {
        #expect(Amount(tokens: text)?.microUnits == microUnits)
    }

    @Test("malformed or out-of-range token text is refused", arguments: [
        "", ".", "1.", ".5", "-1", "+1", "1e6", " 1", "1 ", "1,5", "1.0000001", "1.2.3", "0x10", "½", "٣", "1.٣",
        "18446744073709.551616", "18446744073710", "99999999999999999999",
    ])
    func parseRefused(text: String) {
        #expect(Amount(tokens: text) == nil)
    }

    @Test("amounts print with six decimals", arguments: [
        (UInt64(0), "0.000000"), (1, "0.000001"), (12_500_000, "12.500000"), (1_000_000, "1.000000"),
        (225_000, "0.225000"), (UInt64.max, "18446744073709.551615"),
    ] as [(UInt64, String)])
    func printing(microUnits: UInt64, text: String) {
        #expect(Amount(microUnits: microUnits).description == text)
    }

    @Test("printing then parsing gives the same amount")
    func printParse() {
        var random = SplitMix64(seed: 350)
        for _ in 0..<1_000 {
            let amount = Amount(microUnits: random.next() >> UInt64(random.int(in: 0...63)))
            #expect(Amount(tokens: amount.description) == amount)
        }
    }

    @Test("checked arithmetic reports overflow and underflow instead of trapping")
    func checkedArithmetic() throws {
        let max = Amount(microUnits: .max)
        #expect(throws: MarketError.arithmeticOverflow) { try max.adding(micro(1)) }
        #expect(try Amount(microUnits: .max - 1).adding(micro(1)) == max)
        #expect(throws: MarketError.insufficientBalance) { try micro(1).subtracting(micro(2)) }
        #expect(try micro(5).subtracting(micro(5)) == .zero)
        #expect(throws: MarketError.arithmeticOverflow) { try max.multiplied(by: 2) }
        #expect(throws: MarketError.arithmeticOverflow) { try Amount.tokens(1).multiplied(by: UInt64.max / 999_999) }
        #expect(try max.multiplied(by: 1) == max)
        #expect(try max.multiplied(by: 0) == .zero)
        #expect(micro(3).saturatingSubtracting(micro(5)) == .zero)
        #expect(micro(5).saturatingSubtracting(micro(3)) == micro(2))
        #expect(Amount.tokens(5).microUnits == 5_000_000)
    }

    @Test("basis-point shares floor and never overflow", arguments: [
        (9_000_000, 250, 225_000),
        (225_000, 4_000, 90_000),
        (1_234_570, 250, 30_864),
        (3, 3_333, 0),
        (9_999, 1, 0),
        (10_000, 1, 1),
        (UInt64.max, 10_000, UInt64.max),
        (UInt64.max, 0, 0),
        (UInt64.max, 5_000, UInt64.max / 2),
    ] as [(UInt64, UInt32, UInt64)])
    func share(microUnits: UInt64, basisPoints: UInt32, expected: UInt64) {
        #expect(Amount(microUnits: microUnits).share(basisPoints: basisPoints).microUnits == expected)
    }

    @Test("splits give equal floor shares and the exact remainder", arguments: [
        (90_000, 3, 30_000, 0),
        (70_000, 3, 23_333, 1),
        (80_000, 3, 26_666, 2),
        (2, 3, 0, 2),
        (0, 5, 0, 0),
        (UInt64.max, 1, UInt64.max, 0),
        (UInt64.max, 64, UInt64.max / 64, 63),
    ] as [(UInt64, Int, UInt64, UInt64)])
    func split(microUnits: UInt64, parts: Int, share: UInt64, remainder: UInt64) {
        let (actualShare, actualRemainder) = Amount(microUnits: microUnits).split(into: parts)
        #expect(actualShare.microUnits == share)
        #expect(actualRemainder.microUnits == remainder)
    }
}
