import Foundation

/// Reads the top-level keys of a JSON object, for rejecting unknown fields before decoding.
enum JSONObjectKeys {
    enum Failure: Error, CustomStringConvertible {
        case syntax(String)
        case notAnObject

        var description: String {
            switch self {
            case .syntax(let reason): "invalid JSON (\(reason))"
            case .notAnObject: "the top level must be a JSON object"
            }
        }
    }

    static func topLevelKeys(of data: Data) throws(Failure) -> [String] {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            throw .syntax((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "cannot parse")
        }
        guard let dictionary = object as? [String: Any] else { throw .notAnObject }
        return Array(dictionary.keys)
    }
}
