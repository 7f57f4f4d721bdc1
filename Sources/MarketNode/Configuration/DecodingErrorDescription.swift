/// One readable sentence for a `DecodingError`, naming the field.
enum DecodingErrorDescription {
    static func path(_ codingPath: [any CodingKey]) -> String {
        guard !codingPath.isEmpty else { return "the body" }
        let text = codingPath.map { key in key.intValue.map { "[\($0)]" } ?? key.stringValue }.joined(separator: ".")
        return "`\(text.replacingOccurrences(of: ".[", with: "["))`"
    }

    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, let context):
            let field = path(context.codingPath + [key])
            return "missing required field \(field)"
        case .typeMismatch(let type, let context):
            return "field \(path(context.codingPath)) has the wrong type (expected \(typeName(type)))"
        case .valueNotFound(let type, let context):
            return "field \(path(context.codingPath)) must not be null (expected \(typeName(type)))"
        case .dataCorrupted(let context):
            return "field \(path(context.codingPath)) is invalid: \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }

    static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "string"
        case is Bool.Type: "boolean"
        case is Int.Type, is Int64.Type, is UInt64.Type, is UInt32.Type, is Int32.Type, is UInt8.Type: "integer"
        case is Double.Type, is Float.Type: "number"
        default:
            String(describing: type).contains("Dictionary") ? "object" : String(describing: type).contains("Array") ? "array" : String(describing: type)
        }
    }
}
