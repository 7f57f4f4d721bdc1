import AsyncHTTPClient
import Foundation
import MarketAPI
import MarketCore
import MarketLedger
import NIOCore
#if canImport(Glibc)
import Glibc
#endif

/// Locates the binaries built next to the test bundle.
enum Binaries {
    static func path(_ name: String) throws -> URL {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        throw SystemTestError.missing("\(name) executable next to the tests")
    }
}

enum SystemTestError: Error, CustomStringConvertible {
    case missing(String)
    case timeout(String)
    case http(Int, String)

    var description: String {
        switch self {
        case .missing(let what): "missing \(what)"
        case .timeout(let what): "timed out waiting for \(what)"
        case .http(let status, let body): "HTTP \(status): \(body)"
        }
    }
}

/// A free TCP port on 127.0.0.1, found by binding port 0.
func freeLoopbackPort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw SystemTestError.missing("socket") }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard bound == 0 else { throw SystemTestError.missing("bind") }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    return Int(UInt16(bigEndian: address.sin_port))
}

/// A `depin node start` child process on a loopback port, its output in a log file.
final class NodeProcess: @unchecked Sendable {
    let dataDirectory: URL
    let genesisFile: URL
    let port: Int
    private(set) var process: Process?

    var baseURL: String { "http://127.0.0.1:\(port)" }

    init(dataDirectory: URL, genesisFile: URL, port: Int) {
        self.dataDirectory = dataDirectory
        self.genesisFile = genesisFile
        self.port = port
    }

    func start(blockIntervalMillis: Int = 50) throws {
        let process = Process()
        process.executableURL = try Binaries.path("depin")
        process.arguments = [
            "node", "start", "--data-dir", dataDirectory.path, "--port", String(port), "--host", "127.0.0.1",
            "--genesis", genesisFile.path, "--block-interval-ms", String(blockIntervalMillis),
        ]
        let log = dataDirectory.appendingPathComponent("node.log")
        if !FileManager.default.fileExists(atPath: log.path) { FileManager.default.createFile(atPath: log.path, contents: nil) }
        let handle = try FileHandle(forWritingTo: log)
        handle.seekToEndOfFile()
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        self.process = process
    }

    /// SIGKILL: no chance to flush anything.
    func kill9() {
        guard let process, process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// SIGTERM, then the exit status.
    func terminate() -> Int32 {
        guard let process else { return -1 }
        if process.isRunning {
            kill(process.processIdentifier, SIGTERM)
        }
        process.waitUntilExit()
        return process.terminationStatus
    }

    func waitUntilHealthy(client: HTTPClient, timeout: Duration = .seconds(60)) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let process, !process.isRunning {
                throw SystemTestError.missing("node exited with \(process.terminationStatus); log: \(logTail())")
            }
            if let (status, _) = try? await get(client, "/healthz"), status == 200 { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw SystemTestError.timeout("node health at \(baseURL); log: \(logTail())")
    }

    func logTail() -> String {
        let text = (try? String(contentsOf: dataDirectory.appendingPathComponent("node.log"), encoding: .utf8)) ?? ""
        return String(text.suffix(2_000))
    }

    func get(_ client: HTTPClient, _ path: String) async throws -> (Int, Data) {
        let request = HTTPClientRequest(url: baseURL + path)
        let response = try await client.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 16 * 1024 * 1024)
        return (Int(response.status.code), Data(body.readableBytesView))
    }

    func post(_ client: HTTPClient, _ path: String, json: Data, timeout: TimeAmount = .seconds(10)) async throws -> (Int, Data) {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(bytes: json))
        let response = try await client.execute(request, timeout: timeout)
        let body = try await response.body.collect(upTo: 16 * 1024 * 1024)
        return (Int(response.status.code), Data(body.readableBytesView))
    }
}
