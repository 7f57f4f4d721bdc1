import Foundation

/// Encoding as the node does it (compact, sorted keys, unescaped slashes) and a key-order
/// independent form of any JSON text, to compare what a view writes with a hand-written sample.
enum WireJSON {
    static func encode<Value: Encodable>(_ value: Value) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    static func decode<Value: Decodable>(_ type: Value.Type, from text: String) throws -> Value {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }

    static func text(_ data: Data) -> String { String(decoding: data, as: UTF8.self) }

    /// `data` parsed and written again with sorted keys: equal JSON gives equal text.
    static func normalized(_ data: Data) throws -> String {
        let object = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        return text(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed]))
    }

    /// Encodes, decodes and returns the copy.
    static func roundTrip<Value: Codable>(_ value: Value) throws -> Value {
        try JSONDecoder().decode(Value.self, from: encode(value))
    }
}
