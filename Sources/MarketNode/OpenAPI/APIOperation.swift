import Hummingbird

/// One documented endpoint: what `/openapi.json` says about it. The catalog of these is the
/// API's contract; a test checks it against the routes the router really registers.
struct APIOperation: Sendable {
    struct Parameter: Sendable {
        enum Location: String, Sendable {
            case path, query, header
        }

        var name: String
        var location: Location
        var required: Bool
        var description: String
        var schema: JSONValue
    }

    struct Outcome: Sendable {
        var status: String
        var description: String
        var mediaType: String?
        var schema: JSONValue?
        var headers: [(String, String)] = []
    }

    struct Body: Sendable {
        var mediaType: String
        var schema: JSONValue
        var description: String
    }

    var method: HTTPRequest.Method
    var path: String
    var operationID: String
    var tag: String
    var summary: String
    var description: String? = nil
    var parameters: [Parameter] = []
    var requestBody: Body? = nil
    var responses: [Outcome]

    /// Whether `concretePath` (e.g. `/v1/jobs/7`) is an instance of this operation's template.
    func matches(path concretePath: String) -> Bool {
        let template = path.split(separator: "/", omittingEmptySubsequences: true)
        let concrete = concretePath.split(separator: "/", omittingEmptySubsequences: true)
        guard template.count == concrete.count else { return false }
        for (pattern, segment) in zip(template, concrete) where !(pattern.hasPrefix("{") && pattern.hasSuffix("}")) {
            guard pattern == segment else { return false }
        }
        return true
    }
}

extension APIOperation.Parameter {
    static func path(_ name: String, _ description: String, schema: JSONValue) -> Self {
        .init(name: name, location: .path, required: true, description: description, schema: schema)
    }

    static func query(_ name: String, _ description: String, schema: JSONValue, required: Bool = false) -> Self {
        .init(name: name, location: .query, required: required, description: description, schema: schema)
    }
}

extension APIOperation.Outcome {
    static func json(_ status: Int, _ description: String, _ schema: JSONValue, headers: [(String, String)] = []) -> Self {
        .init(status: String(status), description: description, mediaType: "application/json", schema: schema, headers: headers)
    }

    static func error(_ status: Int, _ description: String, headers: [(String, String)] = []) -> Self {
        .json(status, description, OpenAPISchemas.ref("Error"), headers: headers)
    }
}
