import Foundation

/// Checks a decoded JSON value against a JSON Schema of the OpenAPI document: types, required
/// properties, no undocumented properties, enums and array items; `$ref`s are followed.
struct SchemaChecker {
    let schemas: [String: Any]

    init(document: [String: Any]) {
        schemas = ((document["components"] as? [String: Any])?["schemas"] as? [String: Any]) ?? [:]
    }

    func problems(_ value: Any, _ schema: [String: Any], at path: String = "$") -> [String] {
        if let reference = schema["$ref"] as? String {
            let name = reference.replacingOccurrences(of: "#/components/schemas/", with: "")
            guard let resolved = schemas[name] as? [String: Any] else { return ["\(path): unresolved \(reference)"] }
            return problems(value, resolved, at: path)
        }
        var found: [String] = []
        if let allowed = schema["enum"] as? [String], let text = value as? String, !allowed.contains(text) {
            found.append("\(path): '\(text)' is not one of \(allowed)")
        }
        switch schema["type"] as? String {
        case "object":
            guard let object = value as? [String: Any] else { return ["\(path): expected an object"] }
            let properties = schema["properties"] as? [String: Any]
            for name in schema["required"] as? [String] ?? [] where object[name] == nil {
                found.append("\(path): missing required property \(name)")
            }
            for (key, member) in object {
                if let properties {
                    guard let propertySchema = properties[key] as? [String: Any] else {
                        found.append("\(path): undocumented property \(key)")
                        continue
                    }
                    found += problems(member, propertySchema, at: "\(path).\(key)")
                } else if let additional = schema["additionalProperties"] as? [String: Any] {
                    found += problems(member, additional, at: "\(path).\(key)")
                }
            }
        case "array":
            guard let array = value as? [Any] else { return ["\(path): expected an array"] }
            if let items = schema["items"] as? [String: Any] {
                for (index, element) in array.enumerated() { found += problems(element, items, at: "\(path)[\(index)]") }
            }
        case "string":
            if !(value is String) { found.append("\(path): expected a string") }
        case "integer", "boolean":
            if !(value is NSNumber || value is Int || value is Bool) { found.append("\(path): expected a \(schema["type"] ?? "")") }
        default:
            break
        }
        return found
    }

    /// The JSON response schema an operation documents for a status.
    static func responseSchema(in document: [String: Any], method: String, path: String, status: Int) -> [String: Any]? {
        let operation = ((document["paths"] as? [String: Any])?[path] as? [String: Any])?[method.lowercased()] as? [String: Any]
        let responses = operation?["responses"] as? [String: Any]
        let response = (responses?[String(status)] ?? responses?["default"]) as? [String: Any]
        return ((response?["content"] as? [String: Any])?["application/json"] as? [String: Any])?["schema"] as? [String: Any]
    }
}
