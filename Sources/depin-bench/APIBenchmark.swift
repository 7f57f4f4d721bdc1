import Foundation
import MarketCore
import MarketLedger
import MarketNode
import MarketSimulation
#if canImport(Glibc)
import Glibc
#endif

/// Issue 4's helpers for `scripts/bench-api.sh`, which loads a real `depin node start` on
/// loopback with wrk. Two modes (and `node`, below):
///
/// - `api-prepare --dir D [--providers N] [--transfers N] [--jobs N] [--rounds N]`: deterministic keys, a
///   genesis that funds them (D/genesis.json), and pre-signed request bodies, one JSON
///   `{"transaction": HEX}` per line: D/register.bodies (one `register-provider` per provider
///   key), D/jobs.bodies (one `post-job` per client key), D/match.bodies (`match-job` for jobs
///   1...N, sent once the jobs exist) and D/transfers-R.bodies for R = 1...rounds
///   (each transfer from its own funded key at nonce 0, so every body is distinct and admissible).
/// - `api-seed --url http://127.0.0.1:PORT --file F [--connections C]`: POSTs every body of F to
///   `/v1/transactions` over C keep-alive connections, retrying a body while the node answers
///   429 or 503 (a full mempool), then waits until the mempool is empty. Fails on any other
///   refusal. The node path is the real one: decode, signature check, admission, blocks.
enum APIBenchmark {
    static let chainID = "depin-bench-api"

    /// `depin-bench node --config FILE`: the node exactly as `depin node start --config FILE` runs
    /// it (`NodeConfiguration.resolve`, then MarketNode's `runNode`), without the CLI front end.
    /// `scripts/bench-api.sh` uses it only when the release build of `depin` fails.
    static func node(configFile: String?) async throws {
        try await runNode(configuration: try NodeConfiguration.resolve(configFile: configFile))
    }

    // MARK: - prepare

    struct Prepare {
        var directory: String
        var providers = 100_000
        var transfersPerRound = 100_000
        var jobs = 100
        var rounds = 3

        func run() async throws {
            let directory = URL(fileURLWithPath: self.directory, isDirectory: true)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            print("api-prepare: \(providers) provider keys, \(jobs) client keys, \(rounds) rounds of \(transfersPerRound) transfers")
            var derived: [SigningKey] = []
            let keyTime = try await Bench.asyncSeconds {
                derived = try await APIBenchmark.keys(count: providers + jobs + rounds * transfersPerRound)
            }
            let providerKeys = Array(derived[0..<providers])
            let clientKeys = Array(derived[providers..<(providers + jobs)])
            let transferKeys = Array(derived[(providers + jobs)...])
            print("derived \(derived.count) keys in \(Bench.format(keyTime, decimals: 1)) s")

            var parameters = MarketParameters()
            // Registration counts as the first heartbeat; a long liveness window keeps the seeded
            // providers online for the whole run without sending heartbeats.
            parameters.livenessWindowBlocks = 1_000_000
            var allocations = providerKeys.map { GenesisDocument.Allocation(address: $0.address, amount: .tokens(1_000)) }
            allocations += clientKeys.map { GenesisDocument.Allocation(address: $0.address, amount: .tokens(1_000_000)) }
            allocations += transferKeys.map { GenesisDocument.Allocation(address: $0.address, amount: .tokens(10)) }
            let genesis = GenesisDocument(
                chainID: APIBenchmark.chainID, genesisTimeMillis: 0, governance: clientKeys[0].address,
                parameters: parameters, allocations: allocations, validators: [])
            _ = try genesis.validate()
            try genesis.jsonData().write(to: directory.appendingPathComponent("genesis.json"))
            let fee = parameters.minimumTransactionFee

            // Same distribution as the core benchmark: tier 1-3, 1-8 GPUs, 8-80 GB, 0.1-3.0 tokens.
            var random = SplitMix64(seed: 42)
            let memories: [UInt32] = [8, 12, 16, 24, 32, 40, 48, 80]
            let specs = (0..<providers).map { _ in
                ProviderSpec(
                    tier: UInt8(random.moduloInt(in: 1...3)), gpuCount: UInt32(random.moduloInt(in: 1...8)),
                    memoryPerGPUGB: memories[random.moduloInt(in: 0...7)],
                    ratePerGPUHour: Amount(microUnits: UInt64(random.moduloInt(in: 100_000...3_000_000))))
            }
            try await write(directory, "register.bodies", count: providers) { index in
                try SignedTransaction.sign(chainID: APIBenchmark.chainID, nonce: 0, fee: fee,
                                           body: .registerProvider(specs[index]), with: providerKeys[index])
            }
            let workloadHash = Hash256.tagged("depin-bench/api/workload", [])
            try await write(directory, "jobs.bodies", count: jobs) { index in
                let spec = JobSpec(
                    workloadHash: workloadHash, modelHash: Hash256.tagged("depin-bench/api/model", []), datasetHash: .zero,
                    datasetSizeBytes: 1, gpuCount: UInt32(1 + index % 4), tier: GPUTier(rawValue: UInt8(1 + index % 3)) ?? .consumer,
                    memoryPerGPUGB: 16, gpuHours: 10, maxRatePerGPUHour: .tokens(2), segmentCount: 10)
                return try SignedTransaction.sign(chainID: APIBenchmark.chainID, nonce: 0, fee: fee,
                                                  body: .postJob(spec: spec, budget: .tokens(100)), with: clientKeys[index])
            }
            // Once jobs 1...jobs exist, client i asks for job i+1 to be matched (anyone may).
            try await write(directory, "match.bodies", count: jobs) { index in
                try SignedTransaction.sign(chainID: APIBenchmark.chainID, nonce: 1, fee: fee,
                                           body: .matchJob(JobID(UInt64(index + 1))), with: clientKeys[index])
            }
            // Every transfer comes from its own key at nonce 0: a refused one (full mempool) never
            // leaves a nonce gap behind, and no body can be a duplicate.
            for round in 1...rounds {
                try await write(directory, "transfers-\(round).bodies", count: transfersPerRound) { index in
                    let key = transferKeys[(round - 1) * transfersPerRound + index]
                    return try SignedTransaction.sign(
                        chainID: APIBenchmark.chainID, nonce: 0, fee: fee,
                        body: .transfer(to: providerKeys[index % providers].address, amount: Amount(microUnits: 1)),
                        with: key)
                }
            }
            print("wrote genesis.json and bodies to \(directory.path)")
        }

        /// Signs `count` transactions on every core and writes one request body per line.
        private func write(_ directory: URL, _ name: String, count: Int,
                           _ make: @escaping @Sendable (Int) throws -> SignedTransaction) async throws {
            let time = try await Bench.asyncSeconds {
                let lines = try await APIBenchmark.parallel(count: count) { index in
                    "{\"transaction\":\"\(Hex.encode(try make(index).signedBytes))\"}"
                }
                var text = lines.joined(separator: "\n")
                text.append("\n")
                try Data(text.utf8).write(to: directory.appendingPathComponent(name))
            }
            print("signed \(count) bodies into \(name) in \(Bench.format(time, decimals: 1)) s")
        }
    }

    /// Deterministic keys: seed i = SHA-256 of a label with i.
    static func keys(count: Int) async throws -> [SigningKey] {
        try await parallel(count: count) { index in
            let seed = Hash256.sha256(Array("depin-bench/api/key/\(index)".utf8))
            let bytes = [seed.w0, seed.w1, seed.w2, seed.w3].flatMap { word in
                (0..<8).map { UInt8(truncatingIfNeeded: word >> (56 - 8 * $0)) }
            }
            return try SigningKey(seed: bytes)
        }
    }

    static func parallel<Value: Sendable>(count: Int, _ make: @escaping @Sendable (Int) throws -> Value) async throws -> [Value] {
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let chunk = (count + workers - 1) / max(1, workers)
        return try await withThrowingTaskGroup(of: (Int, [Value]).self) { group in
            for worker in 0..<workers {
                group.addTask {
                    var out: [Value] = []
                    let start = worker * chunk
                    if start < count {
                        out.reserveCapacity(min(count, start + chunk) - start)
                        for index in start..<min(count, start + chunk) { out.append(try make(index)) }
                    }
                    return (worker, out)
                }
            }
            var parts: [(Int, [Value])] = []
            for try await part in group { parts.append(part) }
            return parts.sorted { $0.0 < $1.0 }.flatMap(\.1)
        }
    }

    // MARK: - seed

    struct Seed {
        var url: String
        var file: String
        var connections = 32

        func run() throws {
            guard let endpoint = Endpoint(url) else { throw BenchError.setupFailed("cannot parse --url \(url); want http://127.0.0.1:PORT") }
            let text = try String(contentsOfFile: file, encoding: .utf8)
            let bodies = text.split(separator: "\n", omittingEmptySubsequences: true).map { Array($0.utf8) }
            let tally = Tally(count: bodies.count)
            let group = DispatchGroup()
            let clock = ContinuousClock()
            let start = clock.now
            for _ in 0..<min(connections, bodies.count) {
                group.enter()
                let thread = Thread {
                    Self.worker(endpoint: endpoint, bodies: bodies, tally: tally)
                    group.leave()
                }
                thread.stackSize = 1 << 20
                thread.start()
            }
            group.wait()
            let submitted = Bench.seconds(clock.now - start)
            let summary = tally.summary()
            print("api-seed \(file): \(bodies.count) bodies in \(Bench.format(submitted, decimals: 1)) s "
                  + "(\(Bench.rate(bodies.count, submitted)) accepted/s), \(summary.accepted) accepted, "
                  + "\(summary.duplicates) already known, \(summary.retries) retries after 429/503")
            if let failure = summary.failure {
                throw BenchError.setupFailed("\(summary.failed) bodies refused; first: \(failure)")
            }
            // Wait for every admitted transaction to be committed.
            let connection = try HTTPConnection(endpoint)
            while true {
                let (status, body) = try connection.request("GET", "/v1/status", body: nil)
                guard status == 200, let object = try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
                      let mempool = object["mempool"] as? Int else {
                    throw BenchError.setupFailed("GET /v1/status answered \(status)")
                }
                if mempool == 0 {
                    let committed = Bench.seconds(clock.now - start)
                    print("api-seed: mempool empty at height \(object["height"] ?? "?") after \(Bench.format(committed, decimals: 1)) s "
                          + "(\(Bench.rate(bodies.count, committed)) committed/s)")
                    return
                }
                Thread.sleep(forTimeInterval: 0.2)
            }
        }

        private static func worker(endpoint: Endpoint, bodies: [[UInt8]], tally: Tally) {
            var connection: HTTPConnection?
            while let index = tally.next() {
                var attempts = 0
                while true {
                    attempts += 1
                    do {
                        let open = try connection ?? HTTPConnection(endpoint)
                        connection = open
                        let (status, body) = try open.request("POST", "/v1/transactions", body: bodies[index])
                        switch status {
                        case 200, 202: tally.record(.accepted)
                        case 409: tally.record(.duplicate)
                        case 429, 503:
                            tally.record(.retry)
                            Thread.sleep(forTimeInterval: 0.02)
                            continue
                        default:
                            tally.record(.failed("\(status) \(String(decoding: body, as: UTF8.self))"))
                        }
                    } catch {
                        connection = nil
                        if attempts < 20 {
                            Thread.sleep(forTimeInterval: 0.05)
                            continue
                        }
                        tally.record(.failed("connection: \(error)"))
                    }
                    break
                }
            }
        }
    }

    /// Work distribution and outcome counts shared by the seeding threads.
    final class Tally: @unchecked Sendable {
        enum Outcome {
            case accepted, duplicate, retry
            case failed(String)
        }

        private let lock = NSLock()
        private let count: Int
        private var cursor = 0
        private var accepted = 0
        private var duplicates = 0
        private var retries = 0
        private var failed = 0
        private var failure: String?

        init(count: Int) { self.count = count }

        func next() -> Int? {
            lock.lock()
            defer { lock.unlock() }
            guard cursor < count else { return nil }
            cursor += 1
            return cursor - 1
        }

        func record(_ outcome: Outcome) {
            lock.lock()
            defer { lock.unlock() }
            switch outcome {
            case .accepted: accepted += 1
            case .duplicate: duplicates += 1
            case .retry: retries += 1
            case .failed(let reason):
                failed += 1
                if failure == nil { failure = reason }
            }
        }

        func summary() -> (accepted: Int, duplicates: Int, retries: Int, failed: Int, failure: String?) {
            lock.lock()
            defer { lock.unlock() }
            return (accepted, duplicates, retries, failed, failure)
        }
    }

    // MARK: - minimal HTTP/1.1 client (loopback, keep-alive, Content-Length bodies)

    struct Endpoint: Sendable {
        var host: String
        var port: UInt16

        init?(_ url: String) {
            guard url.hasPrefix("http://") else { return nil }
            let rest = url.dropFirst("http://".count).split(separator: "/", maxSplits: 1).first.map(String.init) ?? ""
            let parts = rest.split(separator: ":")
            guard parts.count == 2, let port = UInt16(parts[1]) else { return nil }
            host = String(parts[0])
            self.port = port
        }
    }

    struct HTTPError: Error, CustomStringConvertible {
        var description: String
    }

    final class HTTPConnection {
        private let descriptor: Int32
        private let host: String
        private var buffer: [UInt8] = []

        init(_ endpoint: Endpoint) throws {
            host = endpoint.host
            descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard descriptor >= 0 else { throw HTTPError(description: "socket: errno \(errno)") }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = endpoint.port.bigEndian
            guard inet_pton(AF_INET, endpoint.host, &address.sin_addr) == 1 else {
                close(descriptor)
                throw HTTPError(description: "not an IPv4 address: \(endpoint.host)")
            }
            let result = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            guard result == 0 else {
                close(descriptor)
                throw HTTPError(description: "connect: errno \(errno)")
            }
            var one: Int32 = 1
            setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        }

        deinit { close(descriptor) }

        func request(_ method: String, _ path: String, body: [UInt8]?) throws -> (Int, [UInt8]) {
            var message = "\(method) \(path) HTTP/1.1\r\nHost: \(host)\r\n"
            if let body { message += "Content-Type: application/json\r\nContent-Length: \(body.count)\r\n" }
            message += "\r\n"
            var bytes = Array(message.utf8)
            if let body { bytes += body }
            try send(bytes)
            let headerEnd = try readUntilHeaderEnd()
            let head = String(decoding: buffer[0..<headerEnd], as: UTF8.self)
            buffer.removeSubrange(0..<(headerEnd + 4))
            let lines = head.split(separator: "\r\n")
            guard let statusLine = lines.first, statusLine.split(separator: " ").count >= 2,
                  let status = Int(statusLine.split(separator: " ")[1]) else {
                throw HTTPError(description: "bad status line")
            }
            var length = 0
            for line in lines.dropFirst() {
                let pair = line.split(separator: ":", maxSplits: 1)
                if pair.count == 2, pair[0].lowercased() == "content-length" {
                    length = Int(pair[1].trimmingCharacters(in: .whitespaces)) ?? 0
                }
                if pair.count == 2, pair[0].lowercased() == "transfer-encoding" {
                    throw HTTPError(description: "chunked responses are not supported here")
                }
            }
            while buffer.count < length { try receive() }
            let responseBody = Array(buffer[0..<length])
            buffer.removeSubrange(0..<length)
            return (status, responseBody)
        }

        private func send(_ bytes: [UInt8]) throws {
            var offset = 0
            while offset < bytes.count {
                let sent = bytes[offset...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                guard sent > 0 else { throw HTTPError(description: "send: errno \(errno)") }
                offset += sent
            }
        }

        private func receive() throws {
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let received = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            guard received > 0 else { throw HTTPError(description: received == 0 ? "connection closed" : "recv: errno \(errno)") }
            buffer += chunk[0..<received]
        }

        private func readUntilHeaderEnd() throws -> Int {
            var searchFrom = 0
            while true {
                if buffer.count >= 4 {
                    var index = searchFrom
                    while index + 3 < buffer.count {
                        if buffer[index] == 13, buffer[index + 1] == 10, buffer[index + 2] == 13, buffer[index + 3] == 10 { return index }
                        index += 1
                    }
                    searchFrom = max(0, buffer.count - 3)
                }
                try receive()
            }
        }
    }
}

extension Bench {
    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
