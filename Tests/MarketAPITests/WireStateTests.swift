import DepinTestSupport
import Foundation
import MarketAPI
import MarketCore
import Testing

@Suite("Wire states: exact JSON spellings, one mapping from the core, unknown spellings kept")
struct WireStateTests {
    /// `[state]` as JSON, so a bare string is never a top-level fragment.
    private static func json<State: WireState>(_ state: State) throws -> String {
        WireJSON.text(try WireJSON.encode([state]))
    }

    private static func decoded<State: WireState>(_ type: State.Type, _ spelling: String) throws -> State? {
        try JSONDecoder().decode([State].self, from: Data("[\"\(spelling)\"]".utf8)).first
    }

    private static func checkRoundTrip<State: WireState>(_ state: State, spelling: String) throws {
        #expect(state.rawValue == spelling)
        #expect(state.description == spelling)
        #expect(try json(state) == "[\"\(spelling)\"]")
        #expect(try decoded(State.self, spelling) == state)
        #expect(State(rawValue: spelling) == state)
        #expect(State(known: spelling) == state)
        #expect(state.isRecognized)
    }

    @Test("job statuses keep the core's spellings", arguments: JobStatus.allCases)
    func jobStatus(_ core: JobStatus) throws {
        let state = APIJobStatus(core)
        try Self.checkRoundTrip(state, spelling: core.description)
        #expect(JobStatus(state) == core)
    }

    @Test("assignment statuses keep the core's spellings", arguments: AssignmentStatus.allCases)
    func assignmentStatus(_ core: AssignmentStatus) throws {
        try Self.checkRoundTrip(APIAssignmentStatus(core), spelling: core.description)
    }

    @Test("voting phases keep the core's spellings", arguments: [VotingPhase.sampling, .dispute])
    func votingPhase(_ core: VotingPhase) throws {
        let state = APIVotingPhase(core)
        try Self.checkRoundTrip(state, spelling: core.description)
        #expect(VotingPhase(state) == core)
    }

    @Test("bonding statuses are active or unbonding", arguments: [
        (BondingStatus.active, "active"), (.unbonding(releaseHeight: 42), "unbonding"),
    ])
    func bondingStatus(_ core: BondingStatus, spelling: String) throws {
        try Self.checkRoundTrip(APIBondingStatus(core), spelling: spelling)
    }

    @Test("transaction statuses are pending, committed, dropped or unknown", arguments: [
        (APITransactionStatus.pending, "pending"), (.committed, "committed"), (.dropped, "dropped"), (.unknown, "unknown"),
    ])
    func transactionStatus(_ state: APITransactionStatus, spelling: String) throws {
        try Self.checkRoundTrip(state, spelling: spelling)
    }

    @Test("health is ok")
    func healthStatus() throws {
        try Self.checkRoundTrip(APIHealthStatus.ok, spelling: "ok")
    }

    @Test("every enum lists exactly the known spellings, each once")
    func knownSpellings() {
        #expect(APIJobStatus.allCases.map(\.rawValue) == JobStatus.allCases.map(\.description))
        #expect(APIAssignmentStatus.allCases.map(\.rawValue) == AssignmentStatus.allCases.map(\.description))
        #expect(APIVotingPhase.allCases.map(\.rawValue) == ["sampling", "dispute"])
        #expect(APIBondingStatus.allCases.map(\.rawValue) == ["active", "unbonding"])
        #expect(APITransactionStatus.allCases.map(\.rawValue) == ["pending", "committed", "dropped", "unknown"])
        #expect(APIHealthStatus.allCases.map(\.rawValue) == ["ok"])
    }

    @Test("a spelling from a newer node decodes as unrecognized, keeps its spelling and maps to no core state")
    func unknownSpelling() throws {
        let job = try #require(try Self.decoded(APIJobStatus.self, "appealed"))
        #expect(job == .unrecognized("appealed") && !job.isRecognized)
        #expect(try Self.json(job) == #"["appealed"]"#)
        #expect(APIJobStatus(known: "appealed") == nil)
        #expect(JobStatus(job) == nil)

        let phase = try #require(try Self.decoded(APIVotingPhase.self, "appeal"))
        #expect(phase == .unrecognized("appeal") && VotingPhase(phase) == nil)
        // Not the node's own `unknown` transaction status.
        #expect(try Self.decoded(APITransactionStatus.self, "finalized") == .unrecognized("finalized"))
        #expect(try Self.decoded(APITransactionStatus.self, "unknown") == .unknown)
        // Spellings are exact: no case folding.
        #expect(APIAssignmentStatus(known: "Voting") == nil)
        #expect(try Self.decoded(APIAssignmentStatus.self, "Voting") == .unrecognized("Voting"))
    }

    @Test("event kinds keep the core's spellings; a core event always maps to a known kind")
    func eventKinds() throws {
        // Every core event, one sample each, maps to a known kind with the core's spelling, and
        // the API knows no kind the core does not have.
        let coreKinds = MarketEventSamples.all.map(\.kind)
        #expect(APIEventKind.allCases.map(\.rawValue).sorted() == coreKinds.sorted())
        for event in MarketEventSamples.all {
            let kind = EventView(event).kind
            #expect(kind.isRecognized && kind.rawValue == event.kind)
        }
        try Self.checkRoundTrip(APIEventKind.assignmentMissedDeadline, spelling: "assignment-missed-deadline")
        #expect(try Self.decoded(APIEventKind.self, "oracle-attested") == .unrecognized("oracle-attested"))
    }

    @Test("states as dictionary keys are JSON object keys")
    func dictionaryKeys() throws {
        let counts: [APIJobStatus: UInt64] = [.pending: 1, .active: 2, .unrecognized("appealed"): 3]
        #expect(WireJSON.text(try WireJSON.encode(counts)) == #"{"active":2,"appealed":3,"pending":1}"#)
        #expect(try WireJSON.roundTrip(counts) == counts)
    }
}
