import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore

/// One answer from the API: the body as text (for privacy scans) and as JSON (for checks).
struct APIResponse: Sendable {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let text: String

    var json: JSONValue { (try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))) ?? .null }
    var errorCode: String? { json["error"]["code"].string }
    var errorField: String? { json["error"]["field"].string }
    var errorMessage: String? { json["error"]["message"].string }
    /// The form token of the first form on a page, percent-encoded for a form body.
    var formToken: String? {
        text.firstMatch(of: #/name="csrf" value="([^"]+)"/#).map { String($0.output.1) }?
            .addingPercentEncoding(withAllowedCharacters: .alphanumerics)
    }
}

/// Sends JSON requests as one caller: anonymous, or with an API key or a session cookie.
struct APIClient: Sendable {
    let client: any TestClientProtocol
    var headers: HTTPFields = [:]

    /// The same caller, sending `Authorization: Bearer key`.
    func bearer(_ key: String) -> APIClient { with(.authorization, "Bearer \(key)") }

    /// The same caller, sending one more header on every request.
    func with(_ name: HTTPField.Name, _ value: String) -> APIClient {
        var copy = self
        copy.headers[name] = value
        return copy
    }

    func get(_ path: String) async throws -> APIResponse {
        try await send(.get, path)
    }

    func post(_ path: String, _ body: JSONValue = [:], headers: HTTPFields = [:]) async throws -> APIResponse {
        try await send(.post, path, body: body, headers: headers)
    }

    func put(_ path: String, _ body: JSONValue) async throws -> APIResponse {
        try await send(.put, path, body: body)
    }

    func send(_ method: HTTPRequest.Method, _ path: String, body: JSONValue? = nil, headers: HTTPFields = [:]) async throws -> APIResponse {
        let text = try body.map { String(decoding: try Self.encoder.encode($0), as: UTF8.self) }
        return try await send(method, path, raw: text, headers: headers)
    }

    /// Sends `raw` exactly as given, as `application/json`, for bodies no encoder would write.
    func send(_ method: HTTPRequest.Method, _ path: String, raw: String?, headers extra: HTTPFields = [:]) async throws -> APIResponse {
        var headers = self.headers
        if raw != nil { headers[.contentType] = "application/json" }
        for field in extra { headers[field.name] = field.value }
        return try await client.execute(uri: path, method: method, headers: headers, body: raw.map { ByteBuffer(string: $0) }) { response in
            APIResponse(status: response.status, headers: response.headers, text: String(buffer: response.body))
        }
    }

    /// Sorted keys: the same body is always the same bytes (the `Idempotency-Key` hash covers them).
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
}

extension HTTPField.Name {
    static let idempotencyKey = Self("Idempotency-Key")!
}
