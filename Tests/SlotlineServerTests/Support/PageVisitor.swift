import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Synchronization

/// A browser without a screen, for page tests through the router: it keeps the cookies the server
/// sets, sends forms as browsers do (`application/x-www-form-urlencoded`), and does not follow
/// redirects, so a test sees each one.
final class PageVisitor: Sendable {
    let client: any TestClientProtocol
    private let cookies = Mutex<[String: String]>([:])
    let acceptLanguage: String?

    init(client: any TestClientProtocol, acceptLanguage: String? = nil) {
        self.client = client
        self.acceptLanguage = acceptLanguage
    }

    func get(_ path: String) async throws -> APIResponse {
        try await send(.get, path, body: nil)
    }

    /// Posts `fields` as a form; `csrf` is added from `page` when given (the form the person filled in).
    func submit(_ path: String, _ fields: [(String, String)], from page: APIResponse? = nil) async throws -> APIResponse {
        var all = fields
        if let token = page?.text.firstMatch(of: #/name="csrf" value="([^"]+)"/#) { all.append(("csrf", String(token.output.1))) }
        return try await send(.post, path, body: all.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&"))
    }

    func cookie(_ name: String) -> String? { cookies.withLock { $0[name] } }

    func send(_ method: HTTPRequest.Method, _ path: String, body: String?, extra: HTTPFields = [:]) async throws -> APIResponse {
        var headers: HTTPFields = [.accept: "text/html"]
        if let acceptLanguage { headers[.acceptLanguage] = acceptLanguage }
        let jar = cookies.withLock { $0 }
        if !jar.isEmpty { headers[.cookie] = jar.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        if body != nil { headers[.contentType] = "application/x-www-form-urlencoded" }
        for field in extra { headers[field.name] = field.value }
        let response = try await client.execute(uri: path, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }) {
            APIResponse(status: $0.status, headers: $0.headers, text: String(buffer: $0.body))
        }
        for line in response.headers[values: .setCookie] {
            let pair = line.split(separator: ";")[0].split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2 else { continue }
            cookies.withLock { jar in
                if pair[1].isEmpty || line.contains("Max-Age=0") { jar[pair[0]] = nil } else { jar[pair[0]] = pair[1] }
            }
        }
        return response
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~")))!
            .replacingOccurrences(of: "%20", with: "+")
    }
}
