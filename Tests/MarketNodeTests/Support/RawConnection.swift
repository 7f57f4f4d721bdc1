import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A raw TCP connection to a node on loopback, for tests that play attacks a well-behaved HTTP
/// client cannot: half-sent requests, dripped bodies, oversized headers, many idle connections.
/// A non-blocking socket polled with short sleeps, so waiting never holds a thread of the
/// cooperative pool the node in the same process needs.
final class RawConnection {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private let descriptor: Int32

    /// Connects to `127.0.0.1:port`, from `source` (another loopback address plays another client).
    init(port: Int, source: String = "127.0.0.1") throws {
        #if canImport(Glibc)
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw Failure(description: "socket() failed: errno \(errno)") }
        var local = try Self.address(source, port: 0)
        var remote = try Self.address("127.0.0.1", port: port)
        let bound = withUnsafePointer(to: &local) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { close(descriptor); throw Failure(description: "bind(\(source)) failed: errno \(errno)") }
        let connected = withUnsafePointer(to: &remote) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { close(descriptor); throw Failure(description: "connect(\(port)) failed: errno \(errno)") }
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
    }

    deinit {
        close(descriptor)
    }

    private static func address(_ host: String, port: Int) throws -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else { throw Failure(description: "bad address \(host)") }
        return address
    }

    /// How long one `receive` waits for bytes before it reports `.nothing`.
    var receiveTimeout: Duration = .seconds(30)
    private static let pollInterval: Duration = .milliseconds(5)

    /// Sends all of `text`; false when the peer has closed. Waits (without holding a thread)
    /// while the peer's receive window is full.
    @discardableResult
    func send(_ text: String) async -> Bool {
        await send(Array(text.utf8))
    }

    @discardableResult
    func send(_ bytes: [UInt8]) async -> Bool {
        var offset = 0
        let deadline = ContinuousClock.now + receiveTimeout
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { buffer in
                Foundation.send(descriptor, buffer.baseAddress, buffer.count, Int32(MSG_NOSIGNAL))
            }
            if sent < 0, errno == EAGAIN || errno == EWOULDBLOCK {
                guard ContinuousClock.now < deadline else { return false }
                do {
                    try await Task.sleep(for: Self.pollInterval)
                } catch {
                    return false
                }
                continue
            }
            guard sent > 0 else { return false }
            offset += sent
        }
        return true
    }

    enum Received: Equatable {
        case bytes([UInt8])
        /// The peer closed (or reset) the connection.
        case closed
        /// Nothing arrived within the receive timeout.
        case nothing
    }

    func receive() async -> Received {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let deadline = ContinuousClock.now + receiveTimeout
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count > 0 { return .bytes(Array(buffer[0..<count])) }
            if count == 0 { return .closed }
            guard errno == EAGAIN || errno == EWOULDBLOCK else { return .closed }
            guard ContinuousClock.now < deadline else { return .nothing }
            do {
                try await Task.sleep(for: Self.pollInterval)
            } catch {
                return .nothing
            }
        }
    }

    /// Everything the peer sends until it closes, or until a receive times out.
    /// - Returns: the bytes, and whether the peer closed.
    func readToEnd() async -> (text: String, closed: Bool) {
        var collected: [UInt8] = []
        while true {
            switch await receive() {
            case .bytes(let bytes): collected += bytes
            case .closed: return (String(decoding: collected, as: UTF8.self), true)
            case .nothing: return (String(decoding: collected, as: UTF8.self), false)
            }
        }
    }

    /// Reads until `marker` has arrived (or the peer closes, or a receive times out).
    func read(until marker: String) async -> String {
        var collected: [UInt8] = []
        while !String(decoding: collected, as: UTF8.self).contains(marker) {
            guard case .bytes(let bytes) = await receive() else { break }
            collected += bytes
        }
        return String(decoding: collected, as: UTF8.self)
    }
}

/// The status code and JSON error body of a raw HTTP/1.1 response.
struct RawResponse {
    let status: Int?
    let head: String
    let body: String

    init(_ text: String) {
        let parts = text.components(separatedBy: "\r\n\r\n")
        head = parts.first ?? ""
        body = parts.dropFirst().joined(separator: "\r\n\r\n")
        let statusLine = head.split(separator: "\r\n").first.map(String.init) ?? ""
        status = statusLine.split(separator: " ").dropFirst().first.flatMap { Int($0) }
    }

    var errorCode: Int? {
        guard let data = body.data(using: .utf8),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
        return object["code"] as? Int
    }

    func header(_ name: String) -> String? {
        for line in head.split(separator: "\r\n").dropFirst() {
            let pieces = line.split(separator: ":", maxSplits: 1)
            if pieces.count == 2, pieces[0].lowercased() == name.lowercased() {
                return pieces[1].trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }
}
