import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Wall-clock timing and resident memory for benchmarks. Never used by tests.
enum Bench {
    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        try body()
        let elapsed = clock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    static func asyncSeconds(_ body: () async throws -> Void) async rethrows -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        try await body()
        let elapsed = clock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    /// Median of `runs` timings.
    static func median(runs: Int, _ body: () throws -> Void) rethrows -> Double {
        var samples: [Double] = []
        for _ in 0..<runs { samples.append(try seconds(body)) }
        samples.sort()
        return samples[samples.count / 2]
    }

    /// Resident set size in bytes, from /proc/self/statm.
    static func residentBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    static func rate(_ count: Int, _ seconds: Double) -> String {
        format(Double(count) / seconds, decimals: 0)
    }

    static func format(_ value: Double, decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        if decimals == 0 { return String(Int(rounded)) }
        return String(rounded)
    }

    static func milliseconds(_ seconds: Double) -> String {
        seconds < 0.001 ? format(seconds * 1_000_000, decimals: 2) + " µs" : format(seconds * 1_000, decimals: 3) + " ms"
    }

    /// Returns freed heap pages to the system so RSS reflects live data.
    static func trimHeap() {
        #if os(Linux)
        _ = mallocTrim(0)
        #endif
    }

    static func row(_ columns: String...) {
        print(columns.joined(separator: " | "))
    }
}

#if os(Linux)
@_silgen_name("malloc_trim")
private func mallocTrim(_ pad: Int) -> Int32
#endif
