import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One real HTTP request over loopback, for tests of a node that serves on a socket.
enum HTTPProbe {
    struct NoHTTPResponse: Error {}

    /// The status code of `GET http://127.0.0.1:PORT/PATH`; throws when nothing answers.
    static func status(port: Int, path: String) async throws -> Int {
        guard let url = URL(string: "http://127.0.0.1:\(port)\(path)") else { throw NoHTTPResponse() }
        var request = URLRequest(url: url)
        request.timeoutInterval = 60
        let (_, response) = try await URLSession.shared.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw NoHTTPResponse() }
        return http.statusCode
    }
}
