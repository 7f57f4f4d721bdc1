import Foundation

/// `depin node start` as a child process on a loopback port, logging to `node.log` in its data
/// directory (which must exist before `start()`).
public struct NodeProcess: Sendable {
    public let dataDirectory: URL
    public let genesisFile: URL
    public let port: Int
    /// The child process itself.
    public let child: DepinProcess

    public var baseURL: String { "http://127.0.0.1:\(port)" }

    public init(dataDirectory: URL, genesisFile: URL, port: Int, blockIntervalMillis: Int = 50) {
        self.dataDirectory = dataDirectory
        self.genesisFile = genesisFile
        self.port = port
        child = DepinProcess(
            arguments: [
                "node", "start", "--data-dir", dataDirectory.path, "--port", String(port), "--host", "127.0.0.1",
                "--genesis", genesisFile.path, "--block-interval-ms", String(blockIntervalMillis),
            ],
            log: dataDirectory.appendingPathComponent("node.log"))
    }

    public func start() throws { try child.start() }

    /// SIGKILL: no chance to flush anything.
    public func kill9() { child.kill9() }

    /// SIGTERM, then the exit status.
    @discardableResult
    public func terminate() -> Int32 { child.terminate() }

    public func logTail() -> String { child.logTail() }
}
