import MarketAPI
import MarketCore

/// Every failure the SDK reports: the node's own `{code, name, message}` when it answered with an
/// error, or a client-side condition with a code from 800 up so callers can print one shape.
public enum MarketClientError: CodedError, Hashable {
    /// The node answered with an error status and this body.
    case api(status: Int, APIErrorBody)
    /// The transaction was committed but its body failed, or the node dropped it; fee and nonce
    /// were still spent where it was committed.
    case transactionFailed(id: Hash256, APIErrorBody)
    /// No answer from the node (connection refused, reset, timed out).
    case unreachable(url: String, reason: String)
    /// The node answered with something this client cannot read.
    case invalidResponse(url: String, reason: String)
    /// Still pending when the wait ended; it may yet commit.
    case stillPending(id: Hash256, waitedMillis: Int)
    /// A downloaded blob does not hash to the name it was requested by.
    case blobHashMismatch(expected: Hash256, actual: Hash256)
    /// A request the client refused to send (bad base URL, too large a body, signing failure).
    case invalidRequest(String)

    /// Client-side codes; node and market codes (5xx, 6xx, 7xx) pass through unchanged.
    public enum ClientCode: Int, Sendable {
        case unreachable = 800
        case invalidResponse = 801
        case stillPending = 802
        case invalidRequest = 803
    }

    /// The error as the API's body shape, for printing and JSON output.
    public var body: APIErrorBody {
        switch self {
        case .api(_, let body), .transactionFailed(_, let body):
            return body
        case .unreachable(let url, let reason):
            return APIErrorBody(
                code: ClientCode.unreachable.rawValue, name: "node-unreachable",
                message: "Could not reach the node at \(url) (\(reason)). Is the node running at \(url)?")
        case .invalidResponse(let url, let reason):
            return APIErrorBody(
                code: ClientCode.invalidResponse.rawValue, name: "invalid-response",
                message: "The node at \(url) answered with something this client cannot read: \(reason). "
                    + "Client and node versions may differ.")
        case .stillPending(let id, let waited):
            return APIErrorBody(
                code: ClientCode.stillPending.rawValue, name: "still-pending",
                message: "Transaction \(id.hex) is still pending after \(waited) ms; it may yet commit. "
                    + "Check it later with `GET /v1/transactions/\(id.hex)`.")
        case .blobHashMismatch(let expected, let actual):
            return APIErrorCode.blobHashMismatch.body(
                "The blob downloaded as \(expected.hex) hashes to \(actual.hex); it was discarded.")
        case .invalidRequest(let reason):
            return APIErrorBody(code: ClientCode.invalidRequest.rawValue, name: "invalid-request", message: reason)
        }
    }

    public var code: Int { body.code }
    public var name: String { body.name }
    public var message: String { body.message }

    /// The HTTP status of an API error; nil for everything else.
    public var httpStatus: Int? {
        if case .api(let status, _) = self { return status }
        return nil
    }

    /// Whether this is the node's "no such object" answer.
    public var isNotFound: Bool {
        code == APIErrorCode.notFound.rawValue || httpStatus == 404
    }
}
