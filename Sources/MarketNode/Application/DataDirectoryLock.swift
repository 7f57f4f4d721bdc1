import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive `flock(2)` on `<dataDir>/node.lock` for as long as the node lives, so two nodes
/// can never write one chain. The kernel drops the lock when the process dies, even by SIGKILL.
final class DataDirectoryLock: Sendable {
    private let descriptor: Int32

    init(directory: URL) throws {
        let path = directory.appendingPathComponent("node.lock").path
        let descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw NodeStartError.dataDirectory("cannot open \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw NodeStartError.dataDirectory(
                "another node is already running on \(directory.path) (it holds node.lock); stop it, or use another --data-dir")
        }
        self.descriptor = descriptor
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
