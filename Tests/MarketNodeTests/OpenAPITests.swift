import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import MarketNode

@Suite("/openapi.json describes exactly the registered routes")
struct OpenAPITests {
    @Test("every router route is documented and every documented operation is routed")
    func routesInSync() throws {
        let node = try TestNode()
        defer { node.remove() }
        let router = buildRouter(node: node.node)
        let routed = Set(router.routes.map { "\($0.method.rawValue) \($0.path.description)" })
        guard case .object(let paths)? = OpenAPIDocument.value["paths"] else { throw TestFailure("no paths object") }
        var documented: Set<String> = []
        for (path, item) in paths {
            guard case .object(let operations) = item else { throw TestFailure("path item \(path) is not an object") }
            for (method, _) in operations { documented.insert("\(method.uppercased()) \(path)") }
        }
        #expect(routed.subtracting(documented).isEmpty, "routed but not documented: \(routed.subtracting(documented).sorted())")
        #expect(documented.subtracting(routed).isEmpty, "documented but not routed: \(documented.subtracting(routed).sorted())")
        #expect(routed.count == APIRouteCatalog.operations.count)
    }

    @Test("the served document is valid JSON, OpenAPI 3.1, and every $ref resolves")
    func documentIsValid() async throws {
        let node = try TestNode()
        defer { node.remove() }
        try await node.app.test(.router) { client in
            let reply = try await client.get("/openapi.json")
            #expect(reply.status == 200)
            let object = try #require(try JSONSerialization.jsonObject(with: reply.data) as? [String: Any])
            #expect(object["openapi"] as? String == "3.1.0")
            let schemas = try #require((object["components"] as? [String: Any])?["schemas"] as? [String: Any])
            var references: Set<String> = []
            func collect(_ value: Any) {
                if let dictionary = value as? [String: Any] {
                    if let ref = dictionary["$ref"] as? String { references.insert(ref) }
                    dictionary.values.forEach(collect)
                } else if let array = value as? [Any] {
                    array.forEach(collect)
                }
            }
            collect(object)
            for reference in references {
                let name = reference.replacingOccurrences(of: "#/components/schemas/", with: "")
                #expect(schemas[name] != nil, "unresolved \(reference)")
            }
            let paths = try #require(object["paths"] as? [String: [String: Any]])
            for (path, operations) in paths {
                for (method, operation) in operations {
                    let responses = (operation as? [String: Any])?["responses"] as? [String: Any]
                    #expect(responses?.isEmpty == false, "\(method) \(path) documents no responses")
                    for placeholder in path.split(separator: "/") where placeholder.hasPrefix("{") {
                        let name = String(placeholder.dropFirst().dropLast())
                        let parameters = (operation as? [String: Any])?["parameters"] as? [[String: Any]] ?? []
                        #expect(parameters.contains { $0["name"] as? String == name && $0["in"] as? String == "path" },
                                "\(method) \(path) does not document path parameter \(name)")
                    }
                }
            }
        }
    }

    @Test("documented query parameters are the ones endpoints accept")
    func queryParametersAccepted() async throws {
        let node = try TestNode()
        defer { node.remove() }
        try await node.app.test(.router) { client in
            for operation in APIRouteCatalog.operations where operation.method == .get && !operation.path.contains("{") {
                let names = operation.parameters.filter { $0.location == .query }.map(\.name)
                guard !names.isEmpty, operation.path != "/v1/events" else { continue }
                // An empty value counts as absent, so every documented name must be accepted.
                let query = names.map { "\($0)=" }.joined(separator: "&")
                let reply = try await client.get("\(operation.path)?\(query)")
                #expect(reply.error?.code != 709 || reply.error?.message.contains("unknown") == false,
                        "\(operation.path) rejects a documented parameter: \(reply.text)")
            }
        }
    }

    @Test("the document is as strict as the node: closed request bodies, integer maxima, exact addresses, empty query values")
    func documentAsStrictAsNode() throws {
        let schemas = OpenAPISchemas.all
        func schema(_ name: String) -> JSONValue? { schemas.first(where: { $0.0 == name })?.1 }
        for body in ["SubmitTransactionRequest", "ManifestUploadRequest"] {
            #expect(schema(body)?["additionalProperties"] == false, "\(body) admits unknown fields the node refuses (702)")
        }
        #expect(schema("Address")?["maxLength"] == 44 && schema("Address")?["minLength"] == 44)
        #expect(OpenAPISchemas.height["maximum"] == .unsigned(UInt64.max))
        #expect(OpenAPISchemas.integer32["maximum"] == .unsigned(UInt64(UInt32.max)))
        let json = OpenAPIDocument.json
        #expect(json.contains("\"maximum\": 18446744073709551615"))
        for operation in APIRouteCatalog.operations {
            for parameter in operation.parameters where parameter.location == .query {
                #expect(parameter.schema["maximum"] != nil || parameter.schema["enum"] != nil || parameter.schema["$ref"] != nil
                        || parameter.schema["type"] == "boolean", "\(operation.path) ?\(parameter.name) has no bound")
            }
        }
        let events = APIRouteCatalog.operations.first { $0.path == "/v1/events" }
        #expect(events?.responses.first { $0.status == "200" }?.schema?["required"] == ["id", "event", "data"])
    }

    @Test("docs/API.md lists every endpoint")
    func documentationListsEveryEndpoint() throws {
        let docs = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/API.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        for operation in APIRouteCatalog.operations {
            #expect(text.contains("| \(operation.method.rawValue) | `\(operation.path)` |"), "docs/API.md lacks \(operation.method.rawValue) \(operation.path)")
        }
    }
}
