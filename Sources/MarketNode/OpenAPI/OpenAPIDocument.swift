/// The OpenAPI 3.1 description of the node's API, assembled from `APIRouteCatalog.operations`
/// and `OpenAPISchemas` and served at `/openapi.json`.
enum OpenAPIDocument {
    static let value: JSONValue = build()
    static let json: String = value.serialized()

    static func build() -> JSONValue {
        var paths: [(String, JSONValue)] = []
        for operation in APIRouteCatalog.operations {
            let method = operation.method.rawValue.lowercased()
            if let index = paths.firstIndex(where: { $0.0 == operation.path }), case .object(var methods) = paths[index].1 {
                methods.append((method, describe(operation)))
                paths[index].1 = .object(methods)
            } else {
                paths.append((operation.path, .object([(method, describe(operation))])))
            }
        }
        return .object([
            ("openapi", "3.1.0"),
            ("info", .object([
                ("title", "depin node API"),
                ("version", .string(Node.version)),
                ("description", "JSON API of a DePIN GPU compute market node. Every error is `{code, name, message}`: market rule errors 500-537, ledger errors 600+, API errors 700+."),
            ])),
            ("servers", .array([.object([("url", "http://127.0.0.1:8645")])])),
            ("paths", .object(paths)),
            ("components", .object([("schemas", .object(OpenAPISchemas.all))])),
        ])
    }

    private static func describe(_ operation: APIOperation) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("operationId", .string(operation.operationID)),
            ("tags", .array([.string(operation.tag)])),
            ("summary", .string(operation.summary)),
        ]
        if let description = operation.description { members.append(("description", .string(description))) }
        if !operation.parameters.isEmpty {
            members.append(("parameters", .array(operation.parameters.map { parameter in
                var fields: [(String, JSONValue)] = [
                    ("name", .string(parameter.name)), ("in", .string(parameter.location.rawValue)),
                    ("required", .bool(parameter.required)), ("description", .string(parameter.description)),
                ]
                // The node reads an empty optional query value (`?limit=`) as absent.
                if parameter.location == .query, !parameter.required { fields.append(("allowEmptyValue", true)) }
                fields.append(("schema", parameter.schema))
                return .object(fields)
            })))
        }
        if let body = operation.requestBody {
            members.append(("requestBody", .object([
                ("required", true), ("description", .string(body.description)),
                ("content", .object([(body.mediaType, .object([("schema", body.schema)]))])),
            ])))
        }
        members.append(("responses", .object(operation.responses.map { outcome in
            var response: [(String, JSONValue)] = [("description", .string(outcome.description))]
            if !outcome.headers.isEmpty {
                response.append(("headers", .object(outcome.headers.map { name, description in
                    (name, .object([("description", .string(description)), ("schema", OpenAPISchemas.string)]))
                })))
            }
            if let mediaType = outcome.mediaType, let schema = outcome.schema {
                response.append(("content", .object([(mediaType, .object([("schema", schema)]))])))
            }
            return (outcome.status, .object(response))
        })))
        return .object(members)
    }
}
