import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import ProviderSimulators

/// 2030-01-01T12:00:00Z: the simulator's clock in these tests, so days and expiries are predictable.
let fixedNow = Date(timeIntervalSince1970: 1_893_499_200)
let redirectURI = "http://127.0.0.1:9/connections/zoom/callback"
/// A PKCE pair computed with Python: base64url(SHA-256(verifier)) without padding.
let pkceVerifier = "slotline-test-verifier-0123456789-abcdefghijklmnop"
let pkceChallenge = "OIv5ksyacSVKF7_eLkRYlxb5H_cXjNNjmq5FGmYu3BI"

/// A running simulator, its URLs, and an HTTP client that follows no redirects.
struct ZoomFixture {
    let zoom: ZoomSimulator
    let urls: ZoomSimulator.URLs
    let client: HTTPClient

    struct Answer {
        let status: Int
        let headers: HTTPHeaders
        let body: String

        func decode<T: Decodable>(_ type: T.Type = T.self) throws -> T {
            try JSONDecoder().decode(T.self, from: Data(body.utf8))
        }

        func header(_ name: String) -> String? { headers.first(name: name) }
    }

    struct Tokens: Decodable {
        let access_token: String
        let token_type: String
        let refresh_token: String
        let expires_in: Int
        let scope: String
        let api_url: String
    }

    /// Zoom's error bodies: `{code, message, errors}` from the API, `{error, reason}` from OAuth.
    struct ErrorBody: Decodable {
        struct FieldError: Decodable { let field: String; let message: String }
        let code: Int?
        let message: String?
        let errors: [FieldError]?
        let error: String?
        let reason: String?
    }

    struct Meeting: Decodable {
        let id: Int64
        let uuid: String
        let host_id: String
        let topic: String
        let type: Int
        let status: String
        let start_time: String
        let duration: Int
        let timezone: String
        let agenda: String
        let join_url: String
        let start_url: String
        let password: String
        let created_at: String
    }

    struct MeetingPage: Decodable {
        struct Item: Decodable { let id: Int64; let topic: String; let start_time: String }
        let page_size: Int
        let total_records: Int
        let next_page_token: String
        let meetings: [Item]
    }

    static let user1 = SimulatedZoomUser.numbered(1)
    static let user2 = SimulatedZoomUser.numbered(2)

    /// Runs `body` against a fresh simulator with users 1 and 2 and `redirectURI` registered, then stops everything.
    static func run(_ body: (ZoomFixture) async throws -> Void) async throws {
        let zoom = ZoomSimulator(users: [user1, user2], clock: { fixedNow })
        let urls = try await zoom.start()
        await zoom.addRedirectURI(redirectURI)
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: .init(redirectConfiguration: .disallow))
        let fixture = ZoomFixture(zoom: zoom, urls: urls, client: client)
        do {
            try await body(fixture)
        } catch {
            try? await client.shutdown()
            await zoom.stop()
            throw error
        }
        try await client.shutdown()
        await zoom.stop()
    }

    // MARK: Plain HTTP

    func send(
        _ method: HTTPMethod, _ url: String, headers: [(String, String)] = [], body: String? = nil, timeout: TimeAmount = .seconds(10)
    ) async throws -> Answer {
        var request = HTTPClientRequest(url: url)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        let response = try await client.execute(request, timeout: timeout)
        let buffer = try await response.body.collect(upTo: 4 * 1024 * 1024)
        return Answer(status: Int(response.status.code), headers: response.headers, body: String(buffer: buffer))
    }

    /// A REST call under `/v2` with a bearer token.
    func api(_ method: HTTPMethod, _ path: String, token: String, json: String? = nil, timeout: TimeAmount = .seconds(10)) async throws -> Answer {
        var headers = [("Authorization", "Bearer \(token)")]
        if json != nil { headers.append(("Content-Type", "application/json")) }
        return try await send(method, urls.apiBaseURL + path, headers: headers, body: json, timeout: timeout)
    }

    // MARK: OAuth

    /// `GET /oauth/authorize`; the answer's `Location` carries the code.
    func authorize(clientId: String? = nil, redirect: String = redirectURI, state: String = "st-123", challenge: String? = pkceChallenge) async throws -> Answer {
        var query = "response_type=code&client_id=\(clientId ?? zoom.clientId)&redirect_uri=\(escape(redirect))&state=\(state)"
        if let challenge { query += "&code_challenge=\(challenge)&code_challenge_method=S256" }
        return try await send(.GET, urls.authorizeURL + "?" + query)
    }

    /// The `code` query item of a redirect from `authorize`.
    func code(from answer: Answer) -> String? {
        queryItem("code", of: answer)
    }

    func queryItem(_ name: String, of answer: Answer) -> String? {
        answer.header("location").flatMap { URLComponents(string: $0)?.queryItems?.first { $0.name == name }?.value }
    }

    func token(form: String, secret: String? = nil) async throws -> Answer {
        let credentials = Data("\(zoom.clientId):\(secret ?? zoom.clientSecret)".utf8).base64EncodedString()
        return try await send(
            .POST, urls.tokenURL,
            headers: [("Authorization", "Basic \(credentials)"), ("Content-Type", "application/x-www-form-urlencoded")],
            body: form
        )
    }

    func exchange(code: String, verifier: String? = pkceVerifier, redirect: String = redirectURI) async throws -> Answer {
        var form = "grant_type=authorization_code&code=\(code)&redirect_uri=\(escape(redirect))"
        if let verifier { form += "&code_verifier=\(verifier)" }
        return try await token(form: form)
    }

    func refresh(_ refreshToken: String) async throws -> Answer {
        try await token(form: "grant_type=refresh_token&refresh_token=\(escape(refreshToken))")
    }

    func revoke(_ token: String) async throws -> Answer {
        let credentials = Data("\(zoom.clientId):\(zoom.clientSecret)".utf8).base64EncodedString()
        return try await send(.POST, urls.revokeURL + "?token=\(escape(token))", headers: [("Authorization", "Basic \(credentials)")])
    }

    /// The whole code flow with PKCE for `user`.
    func connect(_ user: SimulatedZoomUser = user1) async throws -> Tokens {
        await zoom.setNextAuthorizingUser(user.id)
        let redirect = try await authorize()
        guard let code = code(from: redirect) else { throw FixtureError("no code in \(redirect.header("location") ?? "-")") }
        let answer = try await exchange(code: code)
        guard answer.status == 200 else { throw FixtureError("token exchange answered \(answer.status): \(answer.body)") }
        return try answer.decode()
    }

    // MARK: Meetings

    func createMeeting(token: String, topic: String = "Consultation", start: String = "2030-01-02T10:00:00Z", extra: String = "") async throws -> Answer {
        try await api(.POST, "/users/me/meetings", token: token, json: #"{"topic":"\#(topic)","type":2,"start_time":"\#(start)","duration":45,"timezone":"Europe/Berlin"\#(extra)}"#)
    }

    func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? text
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
