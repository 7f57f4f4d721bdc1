#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Checks that a TCP port can be bound before a node creates anything on disk, so that
/// `depin node start` on a busy port says so instead of leaving a fresh data directory behind.
/// The server's own bind stays the authority (another process may take the port in between).
enum PortProbe {
    /// Why `host:port` cannot be bound now, or nil when it can (or the host is not a numeric
    /// IPv4 address, which the server then resolves itself). Port 0 is always free.
    static func unavailable(host: String, port: Int) -> String? {
        guard port != 0 else { return nil }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(truncatingIfNeeded: port)).bigEndian
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else { return nil }
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var reuse: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound != 0 else { return nil }
        let code = errno
        return code == EADDRINUSE ? "the port is in use by another process" : String(cString: strerror(code))
    }
}
