import Hummingbird

/// The documented operations (`APIRouteCatalog+Operations.swift`) and lookups over them.
enum APIRouteCatalog {
    /// Methods documented for paths matching `path`, for 405 answers.
    static func methods(matching path: String) -> [HTTPRequest.Method] {
        var methods: [HTTPRequest.Method] = []
        for operation in operations where operation.matches(path: path) && !methods.contains(operation.method) {
            methods.append(operation.method)
        }
        return methods
    }
}
