import Foundation

/// A one-line progress bar on standard error, redrawn at most every 100 ms, only when stderr is
/// a terminal.
final class ProgressBar: @unchecked Sendable {
    private let label: String
    private let width = 30
    private let enabled: Bool
    private let lock = NSLock()
    private var lastDraw = Date.distantPast

    init(label: String) {
        self.label = label
        enabled = isatty(FileHandle.standardError.fileDescriptor) != 0
    }

    /// Shows `done` of `total`.
    func update(_ done: UInt64, of total: UInt64) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        guard done >= total || now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        let fraction = total == 0 ? 1 : min(1, Double(done) / Double(total))
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        Output.errorRaw("\r\(label) [\(bar)] \(done)/\(total) \(Int(fraction * 100))%")
    }

    /// Ends the line.
    func finish() {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        Output.errorRaw("\n")
    }
}
