import Foundation
import MarketCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The JSON document inside a key file.
private struct KeyDocument: Codable {
    var name: String
    var address: String
    var publicKey: String
    var secretKey: String
}

extension KeyFile {
    func encodedDocument(path: String) throws(KeyFileError) -> [UInt8] {
        let document = KeyDocument(
            name: name, address: key.address.description, publicKey: Hex.encode(key.publicKey),
            secretKey: Hex.encode(key.seed))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return Array(try encoder.encode(document)) + [UInt8(ascii: "\n")]
        } catch {
            throw .io(operation: "encode", path: path, reason: error.localizedDescription)
        }
    }

    static func decodeDocument(_ contents: [UInt8], expectedName: String, path: String) throws(KeyFileError) -> KeyFile {
        let document: KeyDocument
        do {
            document = try JSONDecoder().decode(KeyDocument.self, from: Data(contents))
        } catch {
            throw .malformed(path: path, reason: "expected a JSON object with string fields name, address, publicKey and secretKey.")
        }
        guard document.name == expectedName else {
            throw .malformed(path: path, reason: "it names key \"\(document.name)\" but is stored as \"\(expectedName)\".")
        }
        guard let seed = Hex.decode(document.secretKey), seed.count == SigningKey.seedByteCount,
              let key = try? SigningKey(seed: seed) else {
            throw .malformed(path: path, reason: "secretKey must be 64 hex digits (a 32-byte Ed25519 seed).")
        }
        guard Hex.decode(document.publicKey) == key.publicKey else {
            throw .malformed(path: path, reason: "publicKey does not belong to secretKey.")
        }
        guard Address(document.address) == key.address else {
            throw .malformed(path: path, reason: "address does not belong to secretKey.")
        }
        return try KeyFile(name: expectedName, key: key)
    }

    /// Creates `directory` (mode 0700) if missing; an existing one must be a directory owned by
    /// this user that grants nothing to group or others.
    static func prepareDirectory(_ directory: String) throws(KeyFileError) {
        var info = stat()
        if stat(directory, &info) != 0 {
            guard errno == ENOENT else { throw .io(operation: "inspect", path: directory, reason: lastError()) }
            let parent = (directory as NSString).deletingLastPathComponent
            if !parent.isEmpty {
                do {
                    try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
                } catch {
                    throw .io(operation: "create directory", path: parent, reason: error.localizedDescription)
                }
            }
            guard mkdir(directory, mode_t(directoryMode)) == 0 || errno == EEXIST else {
                throw .io(operation: "create directory", path: directory, reason: lastError())
            }
            // The umask may have cleared owner bits; set the mode exactly.
            guard chmod(directory, mode_t(directoryMode)) == 0 else {
                throw .io(operation: "set permissions on", path: directory, reason: lastError())
            }
            guard stat(directory, &info) == 0 else {
                throw .io(operation: "inspect", path: directory, reason: lastError())
            }
        }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            throw .io(operation: "use", path: directory, reason: "it is not a directory.")
        }
        try checkOwnerOnly(info, path: directory, advice: "chmod 700")
    }

    /// Sets mode 0600, writes everything, flushes to disk and checks the result.
    static func writeSecret(_ contents: [UInt8], to descriptor: Int32, path: String) throws(KeyFileError) {
        guard fchmod(descriptor, mode_t(fileMode)) == 0 else {
            throw .io(operation: "set permissions on", path: path, reason: lastError())
        }
        var offset = 0
        while offset < contents.count {
            let written = contents[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw .io(operation: "write", path: path, reason: lastError())
            }
            offset += written
        }
        guard fsync(descriptor) == 0 else { throw .io(operation: "sync", path: path, reason: lastError()) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw .io(operation: "inspect", path: path, reason: lastError()) }
        guard Int(info.st_mode) & 0o777 == fileMode else {
            throw .insecure(path: path, reason: "its mode is \(octal(info.st_mode)) after creation, expected 600.")
        }
    }

    static func readAll(_ descriptor: Int32, path: String) throws(KeyFileError) -> [UInt8] {
        var contents: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1_024)
        while contents.count <= maxFileByteCount {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .io(operation: "read", path: path, reason: lastError())
            }
            if count == 0 { return contents }
            contents += buffer[..<count]
        }
        throw .malformed(path: path, reason: "larger than \(maxFileByteCount) bytes.")
    }

    static func syncDirectory(_ directory: String) throws(KeyFileError) {
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .io(operation: "open", path: directory, reason: lastError()) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw .io(operation: "sync", path: directory, reason: lastError()) }
    }

    /// Checks a saved file's exact mode and ownership.
    static func checkOwnerOnly(path: String, exactMode: Int) throws(KeyFileError) {
        var info = stat()
        guard lstat(path, &info) == 0 else { throw .io(operation: "inspect", path: path, reason: lastError()) }
        guard Int(info.st_mode) & 0o777 == exactMode else {
            throw .insecure(path: path, reason: "its mode is \(octal(info.st_mode)), expected \(String(exactMode, radix: 8)).")
        }
        try checkOwnerOnly(info, path: path, advice: "chmod \(String(exactMode, radix: 8))")
    }

    static func checkOwnerOnly(_ info: stat, path: String, advice: String) throws(KeyFileError) {
        guard info.st_uid == geteuid() else {
            throw .insecure(path: path, reason: "it belongs to user id \(info.st_uid), not to the current user.")
        }
        guard Int(info.st_mode) & 0o077 == 0 else {
            throw .insecure(
                path: path,
                reason: "its mode \(octal(info.st_mode)) lets other users read or change it; run `\(advice) \(path)`.")
        }
    }

    static func octal(_ mode: mode_t) -> String {
        String(Int(mode) & 0o777, radix: 8)
    }

    static func lastError() -> String {
        let code = errno
        return "\(String(cString: strerror(code))) (errno \(code))"
    }
}
