import Hummingbird
import Logging
import MarketAPI
import MarketCore
import MarketLedger
import NIOHTTP1

/// Turns every error into a JSON `{code, name, message}` response with a fitting status. Unknown
/// paths answer 404 (704); a known path with another method answers 405 (705) with `Allow`.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let failure = Self.failure(for: error, request: request)
            if failure.status.code == 500 {
                context.logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            }
            return (try? failure.response(from: request, context: context)) ?? failure.unencodableResponse()
        }
    }

    static func failure(for error: any Error, request: Request) -> APIFailure {
        switch error {
        case let failure as APIFailure:
            return failure
        case let error as LedgerError:
            return .ledger(error)
        case let error as MarketError:
            return .market(error)
        case let timeout as BodyDeadlineHandler.RequestBodyTimeout:
            return .api(.requestTimeout, "the request body did not arrive within \(timeout.timeout.nanoseconds / 1_000_000) ms")
        case let error as HTTPParserError:
            return .api(.malformedRequest, "the request is not valid HTTP/1.1 (\(error))")
        case let error as any HTTPResponseError:
            return failure(status: error.status, request: request, message: (error as? HTTPError)?.body)
        default:
            return .api(.internalError, "the node could not complete the request")
        }
    }

    static func failure(status: HTTPResponse.Status, request: Request, message: String?) -> APIFailure {
        switch status {
        case .notFound:
            let path = request.uri.path
            let allowed = APIRouteCatalog.methods(matching: path)
            if !allowed.isEmpty {
                var headers = HTTPFields()
                headers[.allow] = allowed.map(\.rawValue).joined(separator: ", ")
                return .api(.methodNotAllowed, "\(request.method.rawValue) is not allowed on \(path); use \(allowed.map(\.rawValue).joined(separator: " or "))", headers: headers)
            }
            return .api(.notFound, "no endpoint at \(path); see /openapi.json for the API")
        case .contentTooLarge:
            return .api(.bodyTooLarge, message ?? "request body too large")
        case .methodNotAllowed:
            return .api(.methodNotAllowed, message ?? "method not allowed")
        case .tooManyRequests:
            return .api(.rateLimited, message ?? "too many requests")
        case .serviceUnavailable:
            return .api(.unavailable, message ?? "service unavailable")
        default:
            if status.code >= 500 { return .api(.internalError, message ?? "internal error") }
            return APIFailure(status: status, body: APIErrorCode.invalidField.body(message ?? status.reasonPhrase))
        }
    }
}
