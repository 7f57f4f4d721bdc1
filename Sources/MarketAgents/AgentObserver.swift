import Foundation
import MarketCore

/// What agents report while they work: the demo draws progress bars and a live log from it, the
/// CLI prints lines. Calls may come from any task.
public protocol AgentObserver: Sendable {
    func agent(_ name: String, log message: String)
    func agent(_ name: String, progress: AgentProgress)
}

/// Progress of a long piece of work.
public struct AgentProgress: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case training, verifying
    }

    public var kind: Kind
    public var job: JobID
    public var assignment: UInt32
    public var completed: Int
    public var total: Int

    public init(kind: Kind, job: JobID, assignment: UInt32, completed: Int, total: Int) {
        self.kind = kind
        self.job = job
        self.assignment = assignment
        self.completed = completed
        self.total = total
    }
}

/// Writes log lines to standard output unbuffered, so a redirected log shows each line at once.
public struct PrintingObserver: AgentObserver {
    public init() {}

    public static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    public func agent(_ name: String, log message: String) {
        PrintingObserver.line("[\(name)] \(message)")
    }

    public func agent(_ name: String, progress: AgentProgress) {
        if progress.completed == progress.total {
            PrintingObserver.line("[\(name)] \(progress.kind.rawValue) job \(progress.job)/\(progress.assignment): \(progress.completed)/\(progress.total) done")
        }
    }
}
