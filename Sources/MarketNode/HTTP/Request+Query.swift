import Hummingbird

extension Request {
    /// Reads the query string with `read` and then fails (400, 709) on any parameter `read` did
    /// not ask for, so no endpoint can forget the check.
    func query<Value>(_ read: (inout QueryParameters) throws(APIFailure) -> Value) throws(APIFailure) -> Value {
        var query = try QueryParameters(self)
        let value = try read(&query)
        try query.finish()
        return value
    }

    /// For endpoints that take no query parameters: fails (400, 709) when there are any.
    func expectNoQuery() throws(APIFailure) {
        try query { _ in }
    }
}
