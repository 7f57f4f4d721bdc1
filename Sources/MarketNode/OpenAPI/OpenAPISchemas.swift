import MarketAPI
import MarketCore

/// JSON Schemas of the API's views (`components.schemas` of the OpenAPI document).
enum OpenAPISchemas {
    static func ref(_ name: String) -> JSONValue { .object([("$ref", .string("#/components/schemas/\(name)"))]) }

    static let string: JSONValue = .object([("type", "string")])
    static let boolean: JSONValue = .object([("type", "boolean")])
    /// A `UInt64`: the widest integer the API carries.
    static let integer: JSONValue = .object([("type", "integer"), ("minimum", 0), ("maximum", .unsigned(UInt64.max))])
    /// A `UInt32` count (GPUs, memory in GB).
    static let integer32: JSONValue = .object([("type", "integer"), ("minimum", 0), ("maximum", .unsigned(UInt64(UInt32.max)))])
    static let height: JSONValue = .object([
        ("type", "integer"), ("minimum", 0), ("maximum", .unsigned(UInt64.max)), ("description", "Block height"),
    ])

    /// A `UInt64` from `minimum` up.
    static func unsignedInteger(minimum: Int, maximum: UInt64) -> JSONValue {
        .object([("type", "integer"), ("minimum", .integer(minimum)), ("maximum", .unsigned(maximum))])
    }

    static func integer(minimum: Int, maximum: Int? = nil, defaultValue: Int? = nil) -> JSONValue {
        var members: [(String, JSONValue)] = [("type", "integer"), ("minimum", .integer(minimum))]
        if let maximum { members.append(("maximum", .integer(maximum))) }
        if let defaultValue { members.append(("default", .integer(defaultValue))) }
        return .object(members)
    }

    static func enumeration(_ values: [String], description: String? = nil) -> JSONValue {
        var members: [(String, JSONValue)] = [("type", "string"), ("enum", .array(values.map(JSONValue.string)))]
        if let description { members.append(("description", .string(description))) }
        return .object(members)
    }

    /// The known spellings of a wire state, from the enum itself, so the document cannot drift.
    static func enumeration<State: WireState>(_ type: State.Type, description: String? = nil) -> JSONValue {
        enumeration(State.allCases.map(\.rawValue), description: description)
    }

    static func array(of items: JSONValue) -> JSONValue { .object([("type", "array"), ("items", items)]) }

    /// `closed`: no other properties (request bodies, whose unknown fields are 702).
    static func object(
        _ properties: [(String, JSONValue)], required: [String], description: String? = nil, closed: Bool = false
    ) -> JSONValue {
        var members: [(String, JSONValue)] = [("type", "object")]
        if let description { members.append(("description", .string(description))) }
        members.append(("properties", .object(properties)))
        members.append(("required", .array(required.map(JSONValue.string))))
        if closed { members.append(("additionalProperties", false)) }
        return .object(members)
    }

    /// An object whose every property is required.
    static func record(_ properties: [(String, JSONValue)], description: String? = nil) -> JSONValue {
        object(properties, required: properties.map(\.0), description: description)
    }

    static func page(of item: String) -> JSONValue {
        record([
            ("items", array(of: ref(item))), ("total", integer), ("offset", integer), ("limit", integer(minimum: 1, maximum: 500)),
        ], description: "A page of \(item) items; `total` counts every match.")
    }

    /// One message of `/v1/events` as Server-Sent Events: `id` the block height, `event` the event
    /// kind, `data` a CommittedEvent as JSON (comment lines such as heartbeats are not events).
    static let serverSentEvent: JSONValue = .object([
        ("type", "object"),
        ("properties", .object([
            ("id", .object([("type", "string"), ("pattern", "^[0-9]+$")])),
            ("event", enumeration(APIEventKind.self)),
            ("data", .object([("type", "string"), ("contentMediaType", "application/json"), ("contentSchema", ref("CommittedEvent"))])),
        ])),
        ("required", ["id", "event", "data"]),
    ])

    static let address = ref("Address")
    static let amount = ref("Amount")
    static let hash = ref("Hash")
    static let tier = ref("Tier")
    static let error = ref("Error")

    static var all: [(String, JSONValue)] {
        [
            ("Address", .object([
                ("type", "string"), ("pattern", "^depin1[02-9ac-hj-np-z]{38}$"), ("minLength", 44), ("maxLength", 44),
                ("description", "Bech32m account address with the prefix depin (20-byte payload, 44 characters); the checksum must hold"),
            ])),
            ("Amount", .object([
                ("type", "string"), ("pattern", "^[0-9]+(\\.[0-9]{1,6})?$"),
                ("description", "Token amount as a decimal string with at most 6 decimals"),
            ])),
            ("Hash", .object([("type", "string"), ("pattern", "^[0-9a-f]{64}$"), ("description", "SHA-256 digest, lowercase hex")])),
            ("Tier", enumeration(GPUTier.allCases.map(\.description), description: "GPU tier; higher tiers satisfy lower requirements")),
            ("Error", record([
                ("code", integer), ("name", string), ("message", string),
            ], description: "Every error: a stable numeric code, a stable kebab-case name and a sentence for people.")),
            ("SubmitTransactionRequest", object([
                ("transaction", .object([("type", "string"), ("pattern", "^([0-9a-fA-F]{2})+$"), ("description", "Signed transaction bytes, hex")])),
                ("wait", .object([("type", "boolean"), ("default", false), ("description", "Answer once committed or dropped")])),
                ("timeoutMillis", integer(minimum: 1, maximum: 60_000, defaultValue: 10_000)),
            ], required: ["transaction"], closed: true)),
            ("TransactionStatus", object([
                ("status", enumeration(APITransactionStatus.self)), ("id", hash), ("height", height),
                ("position", integer), ("blockHash", hash), ("success", boolean), ("error", error), ("events", array(of: ref("Event"))),
            ], required: ["status", "id"])),
            ("Event", object(eventProperties, required: ["kind"], description: "A market event: `kind` plus the fields that kind carries.")),
            ("CommittedEvent", object([
                ("height", height), ("transaction", integer), ("transactionID", hash), ("event", ref("Event")),
            ], required: ["height", "event"])),
            ("Account", record([("address", address), ("balance", amount), ("nonce", integer)])),
            ("Provider", object(providerProperties, required: providerProperties.map(\.0).filter { $0 != "releaseHeight" })),
            ("Validator", object(validatorProperties, required: validatorProperties.map(\.0).filter { $0 != "releaseHeight" })),
            ("JobSpec", record([
                ("workloadHash", hash), ("modelHash", hash), ("datasetHash", hash), ("datasetSizeBytes", integer),
                ("gpuCount", integer), ("tier", tier), ("memoryPerGPUGB", integer), ("gpuHours", integer),
                ("maxRatePerGPUHour", amount), ("segmentCount", integer),
            ])),
            ("Vote", record([
                ("validator", address), ("approve", boolean), ("castAt", height),
                ("evidence", array(of: record([("segment", integer), ("startHash", hash), ("endHash", hash)]))),
            ])),
            ("CommitteeMember", record([("validator", address), ("segments", array(of: integer))])),
            ("Assignment", object(assignmentProperties, required: assignmentProperties.map(\.0).filter {
                !["checkpointRoot", "resultHash", "proofSegmentCount", "proofSubmittedAt", "challengeSeed", "votingDeadline"].contains($0)
            })),
            ("Job", record([
                ("id", integer), ("client", address),
                ("status", enumeration(APIJobStatus.self)), ("spec", ref("JobSpec")), ("budget", amount),
                ("escrow", amount), ("reserved", amount), ("paid", amount), ("refunded", amount), ("postedAt", height),
                ("expiresAt", height), ("unassignedGPUHours", integer), ("excludedProviders", array(of: address)),
                ("assignments", array(of: ref("Assignment"))),
            ])),
            ("Eligibility", record([
                ("job", integer), ("height", height), ("providersChecked", integer), ("eligible", integer),
                ("reasons", array(of: record([
                    ("error", ref("Error")), ("count", integer), ("cheapestProvider", address), ("cheapestRate", amount),
                ]))),
            ])),
            ("MarketStats", record([
                ("height", height), ("totalProviders", integer), ("onlineProviders", integer), ("totalValidators", integer),
                ("activeValidators", integer), ("totalGPUs", integer), ("busyGPUs", integer),
                ("utilizationBasisPoints", integer(minimum: 0, maximum: 10_000)), ("totalJobs", integer),
                ("jobsByStatus", .object([("type", "object"), ("propertyNames", enumeration(APIJobStatus.self)), ("additionalProperties", integer)])),
                ("gpuHoursVerified", integer), ("treasury", amount), ("escrowed", amount), ("staked", amount),
                ("claimable", amount), ("supply", amount), ("feesCollected", amount), ("slashed", amount),
                ("moneyConserved", .object([("type", "boolean"), ("description", "balances + escrow + stakes + claimable + treasury == supply")])),
            ])),
            ("CostQuote", record([
                ("gpuHours", integer), ("tier", tier), ("ratePerGPUHour", amount), ("cost", amount), ("platformFee", amount),
                ("providerPayout", amount), ("referenceCost", amount),
            ])),
            ("BlockTransaction", object([
                ("id", hash), ("sender", address), ("nonce", integer), ("fee", amount), ("type", string), ("success", boolean),
                ("error", error), ("events", array(of: ref("Event"))),
            ], required: ["id", "sender", "nonce", "fee", "type", "success", "events"])),
            ("Block", record([
                ("height", height), ("hash", hash), ("previousHash", hash), ("timestampMillis", integer),
                ("transactionsRoot", hash), ("resultsRoot", hash), ("stateRoot", hash), ("transactionCount", integer),
                ("transactions", array(of: ref("BlockTransaction"))), ("boundaryEvents", array(of: ref("Event"))),
            ])),
            ("Parameters", record(parameterProperties + [("chainID", string)],
                                  description: "Every market parameter plus the chain id transactions are signed for.")),
            ("NodeStatus", record([
                ("chainID", string), ("height", height), ("blockHash", hash), ("stateRoot", hash), ("mempool", integer), ("version", string),
            ])),
            ("Health", record([("status", enumeration(APIHealthStatus.self)), ("height", height)])),
            ("Blob", record([("hash", hash), ("size", integer)])),
            ("Manifest", record([("root", hash), ("checkpoints", array(of: hash))],
                                description: "Checkpoint hashes C0...Cn stored under their Merkle root.")),
            ("ManifestUploadRequest", object([
                ("checkpoints", .object([("type", "array"), ("items", hash), ("minItems", 1), ("maxItems", .integer(ManifestView.maxCheckpoints))])),
            ], required: ["checkpoints"], closed: true)),
            ("ProviderPage", page(of: "Provider")),
            ("ValidatorPage", page(of: "Validator")),
            ("JobPage", page(of: "Job")),
        ]
    }

    static let eventProperties: [(String, JSONValue)] = [
        ("kind", enumeration(APIEventKind.self, description: "which market event: the fields it carries follow from it")), ("job", integer), ("assignment", integer), ("provider", address), ("validator", address),
        ("client", address), ("from", address), ("to", address), ("owner", address), ("amount", amount), ("budget", amount),
        ("cost", amount), ("fee", amount), ("payout", amount), ("rate", amount), ("stake", amount), ("refund", amount),
        ("gpuHours", integer), ("gpus", integer), ("tier", tier), ("round", integer), ("members", array(of: address)),
        ("approve", boolean), ("reason", string), ("status", enumeration(APIJobStatus.self, description: "Final job status (job-settled)")), ("releaseHeight", height), ("checkpointRoot", hash),
        ("resultHash", hash), ("segments", array(of: integer)),
    ]

    static let providerProperties: [(String, JSONValue)] = [
        ("address", address), ("tier", tier), ("gpuCount", integer), ("freeGPUs", integer), ("memoryPerGPUGB", integer),
        ("ratePerGPUHour", amount), ("attested", boolean), ("stake", amount), ("requiredStake", amount),
        ("reputation", integer(minimum: 0, maximum: 100)), ("availabilityBasisPoints", integer(minimum: 0, maximum: 10_000)),
        ("online", boolean), ("status", enumeration(APIBondingStatus.self)), ("releaseHeight", height), ("jailedUntil", height),
        ("registeredAt", height), ("lastHeartbeat", height), ("activeAssignments", integer), ("completedAssignments", integer),
        ("failedAssignments", integer), ("earned", amount), ("slashed", amount),
    ]

    static let validatorProperties: [(String, JSONValue)] = [
        ("address", address), ("stake", amount), ("reputation", integer(minimum: 0, maximum: 100)),
        ("status", enumeration(APIBondingStatus.self)), ("releaseHeight", height), ("eligible", boolean),
        ("votesCast", integer), ("votesWithOutcome", integer), ("votesAgainstOutcome", integer), ("missedVotes", integer),
        ("rewards", amount), ("penalties", amount),
    ]

    static let assignmentProperties: [(String, JSONValue)] = [
        ("index", integer), ("provider", address), ("gpuHours", integer), ("gpus", integer), ("ratePerGPUHour", amount),
        ("cost", amount), ("status", enumeration(APIAssignmentStatus.self)), ("assignedAt", height), ("proofDeadline", height), ("checkpointRoot", hash),
        ("resultHash", hash), ("proofSegmentCount", integer), ("proofSubmittedAt", height), ("round", integer),
        ("challengeSeed", hash), ("committee", array(of: ref("CommitteeMember"))), ("votingDeadline", height),
        ("phase", enumeration(APIVotingPhase.self, description: "sampling: each member checks its own segments; dispute: every member re-checks disputedSegments")),
        ("disputedSegments", array(of: integer)), ("votes", array(of: ref("Vote"))), ("fee", amount), ("providerPayout", amount), ("claimed", boolean),
    ]

    /// Read from `MarketParameters` itself, so a new parameter can never be missing here.
    static var parameterProperties: [(String, JSONValue)] {
        Mirror(reflecting: MarketParameters()).children.compactMap { child in
            guard let label = child.label else { return nil }
            let schema: JSONValue = switch child.value {
            case is Amount: amount
            case is Bool: boolean
            default: integer
            }
            return (label, schema)
        }
    }
}
