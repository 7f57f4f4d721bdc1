import ArgumentParser
import MarketAPI
import MarketClient
import MarketCore
import MarketLedger

/// A failure as the CLI reports it: `error <code> <name>: <message>`, then what to do next.
struct CLIError: Error, CustomStringConvertible {
    /// Codes of failures that happen in the CLI itself, from 810 up (the SDK uses 800-803).
    enum Code: Int {
        case keyFile = 810
        case invalidGenesis = 811
        case chainInvalid = 812
        case io = 813
        case failed = 819
    }

    var body: APIErrorBody
    var hint: String?

    init(_ code: Code, _ name: String, _ message: String, hint: String? = nil) {
        body = APIErrorBody(code: code.rawValue, name: name, message: message)
        self.hint = hint
    }

    init(body: APIErrorBody, hint: String?) {
        self.body = body
        self.hint = hint
    }

    var description: String { "error \(body.code) \(body.name): \(body.message)" }

    /// Any error as a CLI error, with a hint where one is known.
    static func from(_ error: any Error) -> CLIError {
        switch error {
        case let error as CLIError:
            return error
        case let error as KeyFileError:
            return CLIError(.keyFile, error.name, error.message, hint: Hints.keyFile(error))
        case let error as GenesisError:
            return CLIError(.invalidGenesis, "invalid-genesis", error.description,
                            hint: "Create a genesis file with `depin genesis new --dev --fund NAME=AMOUNT --out genesis.json`.")
        case let error as any CodedError:
            return CLIError(body: APIErrorBody(error), hint: Hints.hint(for: error.code, error: error as? MarketClientError))
        default:
            return CLIError(.failed, "failed", String(describing: error))
        }
    }

    /// Prints the error (and, with `json`, its body as JSON on stdout).
    func report(json: Bool) {
        Output.error(description)
        if let hint { Output.error("hint: \(hint)") }
        if json, let text = try? Output.json(body) { print(text) }
    }
}

/// Runs a command body, reporting failures in the CLI's error format with exit code 1.
func reportingErrors(json: Bool = false, _ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as ExitCode {
        throw error
    } catch let error as CleanExit {
        throw error
    } catch let error as ValidationError {
        throw error
    } catch {
        CLIError.from(error).report(json: json)
        throw ExitCode.failure
    }
}
