import Foundation
import Testing
import MarketCore
@testable import MarketLedger

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A fresh directory path under the system temporary directory (not created), removed afterwards.
private func withScratchDirectory(_ body: (String) throws -> Void) rethrows {
    let root = (NSTemporaryDirectory() as NSString).appendingPathComponent("depin-keyfile-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(atPath: root) }
    try body((root as NSString).appendingPathComponent("keys"))
}

/// The name of the `KeyFileError` that `body` throws, or nil when it succeeds.
private func failureName(_ body: () throws(KeyFileError) -> Void) -> String? {
    do {
        try body()
        return nil
    } catch {
        return error.name
    }
}

private func mode(of path: String) -> Int {
    var info = stat()
    guard stat(path, &info) == 0 else { return -1 }
    return Int(info.st_mode) & 0o777
}

@Suite("Key files")
struct KeyFileTests {
    @Test("saved key files are 0600 in a 0700 directory")
    func permissions() throws {
        try withScratchDirectory { directory in
            let path = try KeyFile(name: "alice", key: Fixtures.alice).save(in: directory)
            #expect(path == KeyFile.path(forName: "alice", in: directory))
            #expect(mode(of: path) == 0o600)
            #expect(mode(of: directory) == 0o700)
        }
    }

    @Test("permissions stay owner-only under a permissive umask")
    func permissiveUmask() throws {
        try withScratchDirectory { directory in
            // umask is process-wide; 0 only loosens what concurrent tests create, never breaks them.
            let previous = umask(0)
            defer { umask(previous) }
            let path = try KeyFile(name: "alice", key: Fixtures.alice).save(in: directory)
            #expect(mode(of: path) == 0o600)
            #expect(mode(of: directory) == 0o700)
        }
    }

    @Test("a saved key loads back identical")
    func roundTrip() throws {
        try withScratchDirectory { directory in
            let key = SigningKey.generate()
            try KeyFile(name: "validator-1", key: key).save(in: directory)
            let loaded = try KeyFile.load(name: "validator-1", from: directory)
            #expect(loaded.name == "validator-1")
            #expect(loaded.key.seed == key.seed)
            #expect(loaded.key.publicKey == key.publicKey)
            #expect(loaded.address == key.address)
        }
    }

    @Test("the file is the documented JSON document")
    func documentShape() throws {
        try withScratchDirectory { directory in
            let path = try KeyFile(name: "alice", key: Fixtures.alice).save(in: directory)
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: String])
            #expect(object == [
                "name": "alice",
                "address": "depin1qpqk3cmz0akka2mvq6f09yxxlsz5fvu55sa6rf",
                "publicKey": "8a88e3dd7409f195fd52db2d3cba5d72ca6709bf1d94121bf3748801b40f6f5c",
                "secretKey": String(repeating: "01", count: 32),
            ])
        }
    }

    @Test("saving over an existing name is refused and leaves the old key")
    func overwriteRefused() throws {
        try withScratchDirectory { directory in
            let path = try KeyFile(name: "alice", key: Fixtures.alice).save(in: directory)
            #expect(throws: KeyFileError.alreadyExists(path: path)) {
                try KeyFile(name: "alice", key: Fixtures.bob).save(in: directory)
            }
            #expect(try KeyFile.load(name: "alice", from: directory).address == Fixtures.alice.address)
            // No temporary files are left behind.
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["alice.json"])
        }
    }

    @Test("list returns key names sorted and ignores other files")
    func list() throws {
        try withScratchDirectory { directory in
            #expect(try KeyFile.list(in: directory) == [])
            for (name, key) in [("carol", Fixtures.carol), ("alice", Fixtures.alice), ("bob", Fixtures.bob)] {
                try KeyFile(name: name, key: key).save(in: directory)
            }
            #expect(FileManager.default.createFile(atPath: directory + "/notes.txt", contents: Data()))
            #expect(try KeyFile.list(in: directory) == ["alice", "bob", "carol"])
        }
    }

    @Test("loading a missing key says so")
    func missing() {
        withScratchDirectory { directory in
            #expect(throws: KeyFileError.notFound(path: KeyFile.path(forName: "nobody", in: directory))) {
                try KeyFile.load(name: "nobody", from: directory)
            }
        }
    }

    @Test("invalid key names are refused", arguments: ["", ".hidden", "a/b", "../escape", "sp ace", String(repeating: "k", count: 65)])
    func invalidNames(name: String) {
        #expect(throws: KeyFileError.invalidName(name)) { try KeyFile(name: name, key: Fixtures.alice) }
        #expect(throws: KeyFileError.invalidName(name)) { try KeyFile.load(name: name, from: "/tmp") }
    }

    @Test("a key file readable by others is refused on load", arguments: [0o644, 0o640, 0o604, 0o666])
    func insecureFileRefused(permissions: Int) throws {
        try withScratchDirectory { directory in
            let path = try KeyFile(name: "alice", key: Fixtures.alice).save(in: directory)
            #expect(chmod(path, mode_t(permissions)) == 0)
            #expect(failureName { () throws(KeyFileError) in _ = try KeyFile.load(name: "alice", from: directory) } == "key-file-insecure")
        }
    }

    @Test("saving into a directory open to others is refused")
    func insecureDirectoryRefused() throws {
        try withScratchDirectory { directory in
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            #expect(chmod(directory, 0o755) == 0)
            #expect(failureName { () throws(KeyFileError) in try KeyFile(name: "alice", key: Fixtures.alice).save(in: directory) } == "key-file-insecure")
            #expect(try KeyFile.list(in: directory) == [])
        }
    }

    @Test("tampered or corrupt key files are refused as malformed", arguments: [
        "not json",
        #"{"name":"alice","address":"depin1qpqk3cmz0akka2mvq6f09yxxlsz5fvu55sa6rf","publicKey":"8a88e3dd7409f195fd52db2d3cba5d72ca6709bf1d94121bf3748801b40f6f5c","secretKey":"0202020202020202020202020202020202020202020202020202020202020202"}"#,
        #"{"name":"bob","address":"depin1qpqk3cmz0akka2mvq6f09yxxlsz5fvu55sa6rf","publicKey":"8a88e3dd7409f195fd52db2d3cba5d72ca6709bf1d94121bf3748801b40f6f5c","secretKey":"0101010101010101010101010101010101010101010101010101010101010101"}"#,
        #"{"name":"alice","address":"depin1jev983n4qzxk7lmae7d5wnr5ntqzg73x9x5nge","publicKey":"8a88e3dd7409f195fd52db2d3cba5d72ca6709bf1d94121bf3748801b40f6f5c","secretKey":"0101010101010101010101010101010101010101010101010101010101010101"}"#,
        #"{"name":"alice","address":"depin1qpqk3cmz0akka2mvq6f09yxxlsz5fvu55sa6rf","publicKey":"8a88e3dd7409f195fd52db2d3cba5d72ca6709bf1d94121bf3748801b40f6f5c","secretKey":"0101"}"#,
    ])
    func malformed(contents: String) throws {
        try withScratchDirectory { directory in
            let path = try KeyFile(name: "alice", key: Fixtures.alice).save(in: directory)
            #expect(unlink(path) == 0)
            let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
            #expect(descriptor >= 0)
            let bytes = Array(contents.utf8)
            #expect(bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) } == bytes.count)
            close(descriptor)
            #expect(failureName { () throws(KeyFileError) in _ = try KeyFile.load(name: "alice", from: directory) } == "key-file-malformed")
        }
    }

    @Test("a symbolic link in place of a key file is refused")
    func symlinkRefused() throws {
        try withScratchDirectory { directory in
            let path = try KeyFile(name: "alice", key: Fixtures.alice).save(in: directory)
            #expect(symlink(path, KeyFile.path(forName: "link", in: directory)) == 0)
            #expect(failureName { () throws(KeyFileError) in _ = try KeyFile.load(name: "link", from: directory) } == "key-file-insecure")
        }
    }
}
