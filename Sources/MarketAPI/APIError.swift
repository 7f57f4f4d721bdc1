import MarketCore

/// The JSON body of every error response: `{code, name, message}`, built from any `CodedError`.
public struct APIErrorBody: Codable, Hashable, CodedError {
    public var code: Int
    public var name: String
    public var message: String

    public init(code: Int, name: String, message: String) {
        self.code = code
        self.name = name
        self.message = message
    }

    /// The body of any coded error, market, ledger, API or client alike.
    public init(_ error: some CodedError) {
        self.init(code: error.code, name: error.name, message: error.message)
    }
}

/// Error codes of the API layer itself (request shape and transport), from 700 up.
public enum APIErrorCode: Int, Sendable, CaseIterable {
    case malformedJSON = 700
    case invalidField = 701
    case unknownField = 702
    case bodyTooLarge = 703
    case notFound = 704
    case methodNotAllowed = 705
    case rateLimited = 706
    case blobHashMismatch = 707
    case blobTooLarge = 708
    case invalidQuery = 709
    case internalError = 710
    case unavailable = 711
    case uploadUnauthorized = 712
    case uploadForbidden = 713
    case uploadQuotaExceeded = 714
    case insufficientStorage = 715
    case unsupportedMediaType = 716
    case headersTooLarge = 717
    case malformedRequest = 718
    case tooManyStreams = 719
    case requestTimeout = 720

    public var name: String {
        switch self {
        case .malformedJSON: "malformed-json"
        case .invalidField: "invalid-field"
        case .unknownField: "unknown-field"
        case .bodyTooLarge: "body-too-large"
        case .notFound: "not-found"
        case .methodNotAllowed: "method-not-allowed"
        case .rateLimited: "rate-limited"
        case .blobHashMismatch: "blob-hash-mismatch"
        case .blobTooLarge: "blob-too-large"
        case .invalidQuery: "invalid-query"
        case .internalError: "internal-error"
        case .unavailable: "unavailable"
        case .uploadUnauthorized: "upload-unauthorized"
        case .uploadForbidden: "upload-forbidden"
        case .uploadQuotaExceeded: "upload-quota-exceeded"
        case .insufficientStorage: "insufficient-storage"
        case .unsupportedMediaType: "unsupported-media-type"
        case .headersTooLarge: "headers-too-large"
        case .malformedRequest: "malformed-request"
        case .tooManyStreams: "too-many-streams"
        case .requestTimeout: "request-timeout"
        }
    }

    public func body(_ message: String) -> APIErrorBody {
        APIErrorBody(code: rawValue, name: name, message: message)
    }
}
