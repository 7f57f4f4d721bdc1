import Foundation
import MarketCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A named signing key stored as `<directory>/<name>.json`:
///
///     {"address": "depin1...", "name": "...", "publicKey": "<hex 32>", "secretKey": "<hex 32 seed>"}
///
/// Files are created owner-only (0600) in an owner-only directory (0700), never overwritten, and
/// refused on load when other users could read them.
public struct KeyFile: Sendable {
    /// Permission bits of a key file.
    public static let fileMode = 0o600
    /// Permission bits of a key directory this code creates; an existing one must grant nothing to
    /// group or others.
    public static let directoryMode = 0o700
    /// Bound on a key file's size; real ones are about 250 bytes.
    static let maxFileByteCount = 4_096

    public let name: String
    public let key: SigningKey

    public var address: Address { key.address }

    /// Names `key`; throws when the name is not a valid key name.
    public init(name: String, key: SigningKey) throws(KeyFileError) {
        guard KeyFile.isValidName(name) else { throw .invalidName(name) }
        self.name = name
        self.key = key
    }

    /// Where the key called `name` lives in `directory`.
    public static func path(forName name: String, in directory: String) -> String {
        (directory as NSString).appendingPathComponent(name + ".json")
    }

    /// 1-64 characters of `A-Z a-z 0-9 . _ -`, not starting with a dot.
    public static func isValidName(_ name: String) -> Bool {
        let utf8 = Array(name.utf8)
        guard (1...64).contains(utf8.count), utf8[0] != UInt8(ascii: ".") else { return false }
        return utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
                true
            default:
                false
            }
        }
    }

    /// Writes the key to `<directory>/<name>.json` with mode 0600, creating the directory with
    /// mode 0700 if needed. The file appears complete or not at all, and an existing file of the
    /// same name is never replaced. Returns the file's path.
    @discardableResult
    public func save(in directory: String) throws(KeyFileError) -> String {
        try KeyFile.prepareDirectory(directory)
        let path = KeyFile.path(forName: name, in: directory)
        var existing = stat()
        guard lstat(path, &existing) != 0 else { throw .alreadyExists(path: path) }
        let contents = try encodedDocument(path: path)

        // Write a private temporary file, then hard-link it into place: link(2) fails with
        // EEXIST instead of replacing, and readers never see a half-written key.
        var template = Array((directory as NSString).appendingPathComponent(".\(name).json.XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            return mkstemp(base)
        }
        guard descriptor >= 0 else { throw .io(operation: "create a file in", path: directory, reason: KeyFile.lastError()) }
        let temporaryPath = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        defer { unlink(temporaryPath) }
        do {
            defer { close(descriptor) }
            try KeyFile.writeSecret(contents, to: descriptor, path: temporaryPath)
        }
        guard link(temporaryPath, path) == 0 else {
            if errno == EEXIST { throw .alreadyExists(path: path) }
            throw .io(operation: "create", path: path, reason: KeyFile.lastError())
        }
        try KeyFile.syncDirectory(directory)
        try KeyFile.checkOwnerOnly(path: path, exactMode: KeyFile.fileMode)
        return path
    }

    /// Reads and checks the key called `name`: the file must be owner-only, and its name, public
    /// key and address must agree with its secret key.
    public static func load(name: String, from directory: String) throws(KeyFileError) -> KeyFile {
        guard isValidName(name) else { throw .invalidName(name) }
        let path = path(forName: name, in: directory)
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else {
            switch errno {
            case ENOENT: throw .notFound(path: path)
            case ELOOP: throw .insecure(path: path, reason: "it is a symbolic link; key files must be regular files.")
            default: throw .io(operation: "open", path: path, reason: lastError())
            }
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw .io(operation: "inspect", path: path, reason: lastError()) }
        guard info.st_mode & S_IFMT == S_IFREG else { throw .malformed(path: path, reason: "not a regular file.") }
        try checkOwnerOnly(info, path: path, advice: "chmod 600")
        guard info.st_size <= maxFileByteCount else {
            throw .malformed(path: path, reason: "larger than \(maxFileByteCount) bytes.")
        }
        let contents = try readAll(descriptor, path: path)
        return try decodeDocument(contents, expectedName: name, path: path)
    }

    /// Names of the keys in `directory`, sorted; empty when the directory does not exist.
    public static func list(in directory: String) throws(KeyFileError) -> [String] {
        var info = stat()
        guard stat(directory, &info) == 0 else {
            if errno == ENOENT { return [] }
            throw .io(operation: "inspect", path: directory, reason: lastError())
        }
        let entries: [String]
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw .io(operation: "list", path: directory, reason: error.localizedDescription)
        }
        return entries.compactMap { entry -> String? in
            guard entry.hasSuffix(".json") else { return nil }
            let name = String(entry.dropLast(5))
            return isValidName(name) ? name : nil
        }.sorted()
    }
}
