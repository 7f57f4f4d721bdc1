import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Free space on a filesystem, as an unprivileged process may use it.
enum DiskSpace {
    /// Bytes available at `path`, or nil when the filesystem cannot be asked.
    static func availableBytes(atPath path: String) -> UInt64? {
        var stats = statvfs()
        guard statvfs(path, &stats) == 0 else { return nil }
        let (bytes, overflow) = UInt64(stats.f_bavail).multipliedReportingOverflow(by: UInt64(stats.f_frsize))
        return overflow ? UInt64.max : bytes
    }
}
