import Foundation
import MarketCore
import Testing
@testable import MarketLedger

@Suite("Upload authorization: the signed Depin-Upload header")
struct UploadAuthorizationTests {
    static let key: SigningKey = {
        do { return try SigningKey(seed: [UInt8](repeating: 7, count: 32)) } catch { fatalError("valid seed") }
    }()
    static let hash = Hash256.sha256(Array("checkpoint".utf8))

    static func signed(job: JobID? = JobID(3)) throws -> UploadAuthorization {
        try UploadAuthorization.sign(
            chainID: "depin-test", kind: .blob, contentHash: hash, size: 10, job: job, expiresAt: 1_700_000_300, with: key)
    }

    @Test("the signing message is the domain tag and the documented fields, big-endian")
    func message() {
        let message = UploadAuthorization.signingMessage(
            chainID: "ab", kind: .manifest, contentHash: Self.hash, size: 0x0102, job: JobID(5), expiresAt: 9,
            publicKey: Self.key.publicKey)
        var expected = Array("DEPIN-UPLOAD-V1".utf8) + [0, 0, 0, 0, 2] + Array("ab".utf8) + [2]
        expected += Self.hash.bytes + [0, 0, 0, 0, 0, 0, 1, 2] + [0, 0, 0, 0, 0, 0, 0, 5] + [0, 0, 0, 0, 0, 0, 0, 9]
        expected += Self.key.publicKey
        #expect(message == expected)
    }

    @Test("a header parses back to what was signed and verifies, with or without a job")
    func roundTrip() throws {
        for job in [JobID(3), nil] {
            let signed = try Self.signed(job: job)
            let parsed = try #require(UploadAuthorization(header: signed.headerValue, kind: .blob, contentHash: Self.hash, size: 10))
            #expect(parsed == signed && parsed.signer == Self.key.address)
            try parsed.verify(chainID: "depin-test")
        }
    }

    @Test("other content, size, kind or chain do not verify", arguments: [0, 1, 2, 3])
    func bound(variant: Int) throws {
        let header = try Self.signed().headerValue
        let other = Hash256.sha256(Array("other".utf8))
        let parsed = try #require(UploadAuthorization(
            header: header, kind: variant == 2 ? .manifest : .blob, contentHash: variant == 0 ? other : Self.hash,
            size: variant == 1 ? 11 : 10))
        #expect(throws: LedgerError.self) { try parsed.verify(chainID: variant == 3 ? "depin-other" : "depin-test") }
    }

    @Test("malformed headers are refused", arguments: [
        "", "key=00", "key=zz, expires=1, sig=00", "expires=1",
    ])
    func malformed(header: String) {
        #expect(UploadAuthorization(header: header, kind: .blob, contentHash: Self.hash, size: 10) == nil)
    }

    @Test("repeated, unknown and zero-job fields are refused")
    func strictFields() throws {
        let header = try Self.signed().headerValue
        for bad in [header + ", job=4", header + ", colour=red", header.replacingOccurrences(of: "job=3", with: "job=0")] {
            #expect(UploadAuthorization(header: bad, kind: .blob, contentHash: Self.hash, size: 10) == nil)
        }
    }
}
