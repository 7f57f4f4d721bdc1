import AsyncHTTPClient
import DepinTestSupport
import Foundation
import NIOCore

/// Plain HTTP against a node process, for tests that check the wire without the SDK.
extension NodeProcess {
    func waitUntilHealthy(client: HTTPClient, timeout: Duration = .seconds(60)) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let status = child.exitStatus {
                throw TestSupportError("missing node exited with \(status); log: \(logTail())")
            }
            if let (status, _) = try? await get(client, "/healthz"), status == 200 { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TestSupportError("timed out waiting for node health at \(baseURL); log: \(logTail())")
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
