import MarketAPI
import MarketCore

extension APIRouteCatalog {
    private typealias S = OpenAPISchemas
    private typealias Op = APIOperation

    private static let offset = Op.Parameter.query(
        "offset", "Items to skip (default 0)", schema: S.integer(minimum: 0, maximum: QueryParameters.maxOffset, defaultValue: 0))
    private static let limit = Op.Parameter.query("limit", "Page size", schema: S.integer(minimum: 1, maximum: 500, defaultValue: 50))
    private static let addressPath = Op.Parameter.path("address", "Account address (depin1...)", schema: S.address)
    private static let blobHash = Op.Parameter.path("hash", "SHA-256 of the blob's bytes, 64 hex characters", schema: S.hash)
    private static let uploadHeader = Op.Parameter(
        name: "Depin-Upload", location: .header, required: true,
        description: "key=<64 hex>, job=<id>, expires=<unix seconds>, sig=<128 hex>: an Ed25519 signature over DEPIN-UPLOAD-V1 (see API.md)",
        schema: S.string)
    private static let badRequest = Op.Outcome.error(400, "Invalid path or query value (701, 709)")
    private static let rateLimited = Op.Outcome.error(429, "Rate limit exceeded (706)", headers: [("Retry-After", "Seconds until a request is allowed again")])
    private static let anyError = Op.Outcome(status: "default", description: "Any other error", mediaType: "application/json", schema: S.error)

    private static func responses(_ outcomes: Op.Outcome...) -> [Op.Outcome] {
        outcomes + [badRequest, rateLimited, anyError]
    }

    /// Every endpoint the node serves, in the order the docs present them.
    static let operations: [APIOperation] = [
        Op(method: .post, path: "/v1/transactions", operationID: "submitTransaction", tag: "transactions",
           summary: "Submit a signed transaction",
           description: "Decodes and verifies the signature, then admits the transaction to the mempool. With `wait`, answers once it is committed (durably) or dropped, or after `timeoutMillis` with `pending`.",
           requestBody: .init(mediaType: "application/json", schema: S.ref("SubmitTransactionRequest"), description: "Unknown fields are rejected (702)."),
           responses: responses(
               .json(200, "Committed or dropped", S.ref("TransactionStatus")),
               .json(202, "Admitted, still pending", S.ref("TransactionStatus")),
               .error(409, "Duplicate transaction or nonce already used (605, 606, 618)"),
               .error(413, "Body larger than the node's limit (703)"),
               .error(415, "Content-Type is not JSON (716)"),
               .error(422, "Nonce gap, fee too low or balance below the fee (607, 610, 621)"),
               .error(503, "Mempool full (608)"))),
        Op(method: .get, path: "/v1/transactions/{id}", operationID: "getTransaction", tag: "transactions",
           summary: "Where a transaction stands",
           parameters: [.path("id", "Transaction id (hash of its signed bytes)", schema: S.hash)],
           responses: responses(.json(200, "Pending, committed or dropped", S.ref("TransactionStatus")), .error(404, "Never seen (704)"))),
        Op(method: .get, path: "/v1/accounts/{address}", operationID: "getAccount", tag: "accounts",
           summary: "Balance and next nonce of an account (zero for a never-seen address)",
           parameters: [addressPath], responses: responses(.json(200, "The account", S.ref("Account")))),
        Op(method: .get, path: "/v1/providers", operationID: "listProviders", tag: "providers",
           summary: "List providers with filters and sorting",
           parameters: [
               .query("tier", "Minimum tier", schema: S.tier),
               .query("minMemoryGB", "Minimum memory per GPU in GB", schema: S.integer32),
               .query("minFreeGPUs", "Minimum free GPUs", schema: S.integer32),
               .query("maxRate", "Maximum rate per GPU-hour (decimal tokens)", schema: S.amount),
               .query("minAvailabilityBps", "Minimum measured availability, basis points", schema: S.integer(minimum: 0, maximum: 10_000)),
               .query("online", "Only providers whose last heartbeat is (true) or is not (false) inside the liveness window", schema: S.boolean),
               .query("sort", "Order; `-` means descending. Ties: registration order.", schema: S.enumeration(ProviderSort.allCases.map(\.rawValue))),
               offset, limit,
           ],
           responses: responses(.json(200, "A page of providers", S.ref("ProviderPage")))),
        Op(method: .get, path: "/v1/providers/{address}", operationID: "getProvider", tag: "providers",
           summary: "get-provider-info: a provider with its measured availability", parameters: [addressPath],
           responses: responses(.json(200, "The provider", S.ref("Provider")), .error(404, "Not a registered provider (704)"))),
        Op(method: .get, path: "/v1/validators", operationID: "listValidators", tag: "validators",
           summary: "List validators in address order", parameters: [offset, limit],
           responses: responses(.json(200, "A page of validators", S.ref("ValidatorPage")))),
        Op(method: .get, path: "/v1/jobs", operationID: "listJobs", tag: "jobs", summary: "List jobs, newest first",
           parameters: [
               .query("status", "Job status", schema: S.enumeration(APIJobStatus.self)),
               .query("client", "Posted by this client", schema: S.address),
               .query("provider", "Has an assignment for this provider", schema: S.address),
               offset, limit,
           ],
           responses: responses(.json(200, "A page of jobs", S.ref("JobPage")))),
        Op(method: .get, path: "/v1/jobs/{id}", operationID: "getJob", tag: "jobs",
           summary: "get-job-details: a job with assignments, proofs, committees, votes and deadlines",
           parameters: [.path("id", "Job id", schema: S.integer)],
           responses: responses(.json(200, "The job", S.ref("Job")), .error(404, "No such job (502 job-not-found)"))),
        Op(method: .get, path: "/v1/jobs/{id}/eligibility", operationID: "getJobEligibility", tag: "jobs",
           summary: "Why providers cannot take the job now, by the first eligibility check each fails",
           parameters: [.path("id", "Job id", schema: S.integer)],
           responses: responses(.json(200, "The eligibility report", S.ref("Eligibility")), .error(404, "No such job (502 job-not-found)"))),
        Op(method: .get, path: "/v1/blocks/latest", operationID: "getLatestBlock", tag: "chain", summary: "The latest committed block",
           responses: responses(.json(200, "The block", S.ref("Block")))),
        Op(method: .get, path: "/v1/blocks/{height}", operationID: "getBlock", tag: "chain", summary: "A committed block by height",
           parameters: [.path("height", "Block height (0 is genesis)", schema: S.height)],
           responses: responses(.json(200, "The block", S.ref("Block")), .error(404, "Above the chain tip (704)"))),
        Op(method: .get, path: "/v1/parameters", operationID: "getParameters", tag: "chain",
           summary: "Market parameters and the chain id", responses: responses(.json(200, "Parameters", S.ref("Parameters")))),
        Op(method: .get, path: "/v1/stats", operationID: "getMarketStats", tag: "market",
           summary: "get-market-stats, with the money conservation check", responses: responses(.json(200, "Statistics", S.ref("MarketStats")))),
        Op(method: .get, path: "/v1/cost", operationID: "calculateJobCost", tag: "market",
           summary: "calculate-job-cost: cost, fee and payout of a job size at a rate",
           parameters: [
               .query("gpuHours", "GPU-hours (GPUs x hours)", schema: S.unsignedInteger(minimum: 1, maximum: UInt64.max), required: true),
               .query("tier", "Tier (sets the reference rate)", schema: S.tier, required: true),
               .query("rate", "Rate per GPU-hour (default: the tier's reference rate)", schema: S.amount),
           ],
           responses: responses(.json(200, "The quote", S.ref("CostQuote")), .error(422, "Cost overflows (515)"))),
        Op(method: .get, path: "/v1/status", operationID: "getNodeStatus", tag: "node", summary: "Chain tip, mempool and version",
           responses: responses(.json(200, "Status", S.ref("NodeStatus")))),
        Op(method: .get, path: "/v1/events", operationID: "streamEvents", tag: "events",
           summary: "Committed market events as Server-Sent Events",
           description: "Each message: `id:` the block height, `event:` the event kind, `data:` a CommittedEvent as JSON. Replays stored blocks from `fromHeight`, then follows new blocks; a comment line every 15 s keeps idle connections open. Without `fromHeight`, a `Last-Event-ID` header resumes after that height.",
           parameters: [
               .query("fromHeight", "First block height to replay (default: new blocks only)", schema: S.height),
               .query("toHeight", "End the stream after this height", schema: S.height),
               .init(name: "Last-Event-ID", location: .header, required: false, description: "Resume after this height",
                     schema: S.unsignedInteger(minimum: 0, maximum: UInt64.max - 1)),
           ],
           responses: responses(
               .init(status: "200", description: "The event stream", mediaType: "text/event-stream", schema: S.serverSentEvent),
               .error(429, "This client address holds its maximum of event streams (719)"),
               .error(503, "Too many open event streams (711)"))),
        Op(method: .put, path: "/v1/blobs/{hash}", operationID: "putBlob", tag: "blobs",
           summary: "Upload a content-addressed blob (checkpoint, model)",
           description: "Signed by the uploading account in the `Depin-Upload` header (see API.md). The body is streamed to disk up to its Content-Length and the `maxBlobBytes` parameter, hashed, and stored only if its SHA-256 equals `{hash}`.",
           parameters: [blobHash, uploadHeader],
           requestBody: .init(mediaType: "application/octet-stream", schema: .object([("type", "string"), ("format", "binary")]), description: "The blob's bytes"),
           responses: responses(
               .json(201, "Stored", S.ref("Blob")), .json(200, "Already stored", S.ref("Blob")),
               .error(413, "Larger than maxBlobBytes (708) or over a quota (714)"),
               .error(401, "Missing, malformed, expired or badly signed Depin-Upload header (712)"),
               .error(403, "The signer has no reason to upload this (713)"),
               .error(507, "The upload would eat into the node's disk reserve (715)"))),
        Op(method: .get, path: "/v1/blobs/{hash}", operationID: "getBlob", tag: "blobs", summary: "Download a blob",
           parameters: [blobHash],
           responses: responses(
               .init(status: "200", description: "The blob's bytes", mediaType: "application/octet-stream", schema: .object([("type", "string"), ("format", "binary")])),
               .error(404, "No such blob (704)"))),
        Op(method: .head, path: "/v1/blobs/{hash}", operationID: "headBlob", tag: "blobs", summary: "Whether a blob is stored, and its size",
           parameters: [blobHash],
           responses: responses(
               .init(status: "200", description: "Stored; Content-Length is its size", headers: [("Content-Length", "Blob size in bytes")]),
               .init(status: "404", description: "No such blob"))),
        Op(method: .put, path: "/v1/manifests", operationID: "putManifest", tag: "blobs",
           summary: "Store a checkpoint manifest: the hashes C0...Cn of a training run",
           description: "The node computes the Merkle root of the hashes (as in a proof's checkpoint root) and stores the list under it, so validators can go from a proof's root to the checkpoint blobs they must fetch.",
           parameters: [uploadHeader],
           requestBody: .init(mediaType: "application/json", schema: S.ref("ManifestUploadRequest"), description: "Unknown fields are rejected (702)."),
           responses: responses(
               .json(201, "Stored", S.ref("Manifest")), .json(200, "Already stored", S.ref("Manifest")),
               .error(413, "Body larger than the node's limit (703) or over a quota (714)"),
               .error(401, "Missing, malformed, expired or badly signed Depin-Upload header (712)"),
               .error(403, "Not a provider with an open assignment on the named job (713)"),
               .error(507, "The upload would eat into the node's disk reserve (715)"),
               .error(415, "Content-Type is not JSON (716)"))),
        Op(method: .get, path: "/v1/manifests/{root}", operationID: "getManifest", tag: "blobs",
           summary: "The checkpoint hashes whose Merkle root is {root}",
           parameters: [.path("root", "Merkle root of the checkpoint hashes, 64 hex characters", schema: S.hash)],
           responses: responses(.json(200, "The manifest", S.ref("Manifest")), .error(404, "No such manifest (704)"))),
        Op(method: .get, path: "/metrics", operationID: "getMetrics", tag: "node", summary: "Prometheus metrics",
           responses: [.init(status: "200", description: "Prometheus text format 0.0.4", mediaType: "text/plain", schema: S.string), anyError]),
        Op(method: .get, path: "/healthz", operationID: "getHealth", tag: "node", summary: "Liveness probe",
           responses: [.json(200, "The node answers", S.ref("Health")), anyError]),
        Op(method: .get, path: "/openapi.json", operationID: "getOpenAPI", tag: "node", summary: "This document",
           responses: responses(.init(status: "200", description: "OpenAPI 3.1 document", mediaType: "application/json", schema: .object([("type", "object")])))),
        Op(method: .get, path: "/", operationID: "getDashboard", tag: "node", summary: "The web dashboard",
           responses: responses(.init(status: "200", description: "HTML page", mediaType: "text/html", schema: S.string))),
    ]
}
