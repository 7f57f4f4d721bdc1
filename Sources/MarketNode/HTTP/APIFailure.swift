import Hummingbird
import MarketAPI
import MarketCore
import MarketLedger

/// An error answered as JSON `{code, name, message}` with an HTTP status. Every failure the API
/// reports, whatever layer it came from, becomes one of these in `ErrorMiddleware`.
public struct APIFailure: Error, Sendable, CustomStringConvertible {
    public var status: HTTPResponse.Status
    public var body: APIErrorBody
    public var headers: HTTPFields

    public init(status: HTTPResponse.Status, body: APIErrorBody, headers: HTTPFields = [:]) {
        self.status = status
        self.body = body
        self.headers = headers
    }

    /// Any coded error answered with `status`: the body is its code, name and message.
    public init(status: HTTPResponse.Status, error: some CodedError, headers: HTTPFields = [:]) {
        self.init(status: status, body: APIErrorBody(error), headers: headers)
    }

    /// An API-layer error (700+), with the status that code always has.
    public static func api(_ code: APIErrorCode, _ message: String, headers: HTTPFields = [:]) -> APIFailure {
        APIFailure(status: code.httpStatus, body: code.body(message), headers: headers)
    }

    public static func ledger(_ error: LedgerError) -> APIFailure {
        APIFailure(status: error.httpStatus, error: error)
    }

    public static func market(_ error: MarketError) -> APIFailure {
        APIFailure(status: error.httpStatus, error: error)
    }

    static func invalidQuery(_ message: String) -> APIFailure { .api(.invalidQuery, message) }
    static func invalidField(_ message: String) -> APIFailure { .api(.invalidField, message) }
    static func notFound(_ message: String) -> APIFailure { .api(.notFound, message) }

    public var description: String { "\(status.code) \(body.code) \(body.name): \(body.message)" }
}

extension APIErrorCode {
    /// The HTTP status every response with this code carries.
    public var httpStatus: HTTPResponse.Status {
        switch self {
        case .malformedJSON, .invalidField, .unknownField, .blobHashMismatch, .invalidQuery: .badRequest
        case .bodyTooLarge, .blobTooLarge: .contentTooLarge
        case .notFound: .notFound
        case .methodNotAllowed: .methodNotAllowed
        case .rateLimited: .tooManyRequests
        case .internalError: .internalServerError
        case .unavailable: .serviceUnavailable
        case .uploadUnauthorized: .unauthorized
        case .uploadForbidden: .forbidden
        case .uploadQuotaExceeded: .contentTooLarge
        case .insufficientStorage: HTTPResponse.Status(code: 507, reasonPhrase: "Insufficient Storage")
        case .unsupportedMediaType: .unsupportedMediaType
        case .headersTooLarge: .requestHeaderFieldsTooLarge
        case .malformedRequest: .badRequest
        case .tooManyStreams: .tooManyRequests
        case .requestTimeout: .requestTimeout
        }
    }
}

extension LedgerError {
    /// 400 for envelopes that can never be valid, 409 for conflicts with what the node already
    /// holds, 422 for transactions that could be valid later, 429/503 for full queues.
    public var httpStatus: HTTPResponse.Status {
        switch self {
        case .wrongChain, .badSignature, .nonCanonical, .oversized, .malformed, .trailingBytes, .unknownBodyTag,
             .unsupportedVersion, .invalidChainID, .nonCanonicalSignature, .invalidPublicKey, .smallOrderKey,
             .invalidSecretKey, .signingFailed:
            .badRequest
        case .duplicateTransaction, .nonceTooLow, .nonceInUse: .conflict
        case .nonceGap, .feeTooLow, .insufficientFunds: .unprocessableContent
        case .accountMempoolFull, .tooManyGapped: .tooManyRequests
        case .mempoolFull: .serviceUnavailable
        }
    }
}

extension MarketError {
    /// Market rule failures are well-formed requests the rules refuse: 422, except a missing job.
    public var httpStatus: HTTPResponse.Status {
        switch self {
        case .jobNotFound: .notFound
        default: .unprocessableContent
        }
    }
}
