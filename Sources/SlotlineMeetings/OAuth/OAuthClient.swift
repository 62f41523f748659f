import AsyncHTTPClient
import Foundation
import Logging
import SlotlineCore

/// The authorization-code flow with PKCE, refresh and revocation against one provider's OAuth 2.0
/// endpoints. Stateless: the caller keeps the state, the verifier and the tokens.
public struct OAuthClient: Sendable {
    public let configuration: OAuthConfiguration
    private let http: ProviderHTTP
    private let time: TimeSource

    public init(configuration: OAuthConfiguration, httpClient: HTTPClient = .shared, timeout: Duration = .seconds(15),
                time: TimeSource = .system, logger: Logger = Logger(label: "slotline.oauth")) {
        self.configuration = configuration
        self.time = time
        self.http = ProviderHTTP(kind: configuration.provider, client: httpClient, timeout: timeout, time: time, logger: logger)
    }

    /// Where to send the user's browser. `state` binds the callback to the session; the challenge
    /// comes from the `PKCE` whose verifier the session keeps.
    public func authorizeURL(state: String, codeChallenge: String, redirectURI: String) -> String {
        var fields = [("response_type", "code"), ("client_id", configuration.clientId), ("redirect_uri", redirectURI)]
        if configuration.scopesInAuthorizeURL { fields.append(("scope", configuration.scopes.joined(separator: " "))) }
        fields += [("state", state), ("code_challenge", codeChallenge), ("code_challenge_method", PKCE.method)]
        fields += configuration.extraAuthorizeParameters.map { ($0.name, $0.value) }
        let separator = configuration.authorizeURL.contains("?") ? "&" : "?"
        return configuration.authorizeURL + separator + FormBody.encode(fields)
    }

    /// Trades the callback's code for tokens. A code that expired or was used (`invalid_grant`)
    /// throws `.grantRevoked`: the user has to authorize again.
    public func exchange(code: String, verifier: String, redirectURI: String) async throws -> OAuthTokens {
        let answer = try await token(
            [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirectURI), ("code_verifier", verifier)],
            redaction: Redaction([code, verifier, configuration.clientSecret]))
        guard let refreshToken = answer.refreshToken else {
            throw MeetingProviderError.invalidRequest("the token endpoint granted no refresh token")
        }
        return OAuthTokens(accessToken: answer.accessToken, refreshToken: refreshToken,
                           expiresAt: answer.expiresAt, scope: answer.scope)
    }

    /// New tokens from a refresh token. Where the provider rotates refresh tokens the answer
    /// carries a new one that must replace `refreshToken` in storage before anything else; where
    /// it does not (Google) the answer keeps `refreshToken`. A dead grant throws `.grantRevoked`.
    public func refresh(refreshToken: String) async throws -> OAuthTokens {
        let answer = try await token([("grant_type", "refresh_token"), ("refresh_token", refreshToken)],
                                     redaction: Redaction([refreshToken, configuration.clientSecret]))
        return OAuthTokens(accessToken: answer.accessToken, refreshToken: answer.refreshToken ?? refreshToken,
                           expiresAt: answer.expiresAt, scope: answer.scope)
    }

    /// A token for a whole account (Zoom's Server-to-Server OAuth, `grant_type=account_credentials`):
    /// no user consents and no refresh token comes back; a new one is fetched when it expires.
    public func accountToken(accountId: String) async throws -> OAuthTokens {
        let fields = [("grant_type", "account_credentials"), ("account_id", accountId)]
        let separator = configuration.tokenURL.contains("?") ? "&" : "?"
        let redaction = Redaction([configuration.clientSecret])
        let response = try await post(configuration.tokenURL + separator + FormBody.encode(fields), form: [], redaction: redaction)
        guard (200..<300).contains(response.status) else { throw failure(of: response, redaction: redaction) }
        guard let answer = try? JSONDecoder().decode(TokenAnswer.self, from: response.body), !answer.access_token.isEmpty else {
            throw MeetingProviderError.transient("the token endpoint answered \(response.status) without a token")
        }
        return OAuthTokens(accessToken: answer.access_token, refreshToken: nil,
                           expiresAt: time.now().addingTimeInterval(TimeInterval(answer.expires_in ?? 3600)), scope: answer.scope ?? "")
    }

    /// Revokes a token and with it the grant. A token the provider already considers invalid
    /// counts as revoked; a provider without revocation makes this a no-op.
    public func revoke(token: String) async throws {
        guard let revokeURL = configuration.revokeURL else { return }
        let redaction = Redaction([token, configuration.clientSecret])
        var url = revokeURL
        var form: [(String, String)] = []
        switch configuration.revokeStyle {
        case .query: url += (revokeURL.contains("?") ? "&" : "?") + FormBody.encode([("token", token)])
        case .formBody: form.append(("token", token))
        }
        let response = try await post(url, form: form, redaction: redaction)
        if (200..<300).contains(response.status) { return }
        let refusal = failure(of: response, redaction: redaction)
        if case .grantRevoked = refusal { return }
        throw refusal
    }

    private struct TokenAnswer: Decodable {
        let access_token: String
        let refresh_token: String?
        let expires_in: Int?
        let scope: String?
    }

    private func token(_ fields: [(String, String)], redaction: Redaction) async throws
        -> (accessToken: String, refreshToken: String?, expiresAt: Date, scope: String) {
        let response = try await post(configuration.tokenURL, form: fields, redaction: redaction)
        guard (200..<300).contains(response.status) else { throw failure(of: response, redaction: redaction) }
        guard let answer = try? JSONDecoder().decode(TokenAnswer.self, from: response.body), !answer.access_token.isEmpty else {
            throw MeetingProviderError.transient("the token endpoint answered \(response.status) without a token")
        }
        let expiresAt = time.now().addingTimeInterval(TimeInterval(answer.expires_in ?? 3600))
        return (answer.access_token, answer.refresh_token, expiresAt, answer.scope ?? "")
    }

    private func post(_ url: String, form: [(String, String)], redaction: Redaction) async throws -> ProviderHTTP.Response {
        var fields = form
        var headers = [("Content-Type", "application/x-www-form-urlencoded")]
        switch configuration.clientAuthentication {
        case .basic:
            let pair = Data("\(configuration.clientId):\(configuration.clientSecret)".utf8).base64EncodedString()
            headers.append(("Authorization", "Basic \(pair)"))
        case .formBody:
            fields += [("client_id", configuration.clientId), ("client_secret", configuration.clientSecret)]
        }
        return try await http.send(.POST, url, headers: headers, body: Data(FormBody.encode(fields).utf8), redaction: redaction)
    }

    private struct ErrorAnswer: Decodable {
        let error: String?
        let error_description: String?
        /// Zoom's wording for `error_description`.
        let reason: String?
    }

    /// What a token or revoke endpoint's refusal means for the caller.
    private func failure(of response: ProviderHTTP.Response, redaction: Redaction) -> MeetingProviderError {
        let answer = try? JSONDecoder().decode(ErrorAnswer.self, from: response.body)
        if Self.isDeadGrant(status: response.status, error: answer?.error, reason: answer?.reason) { return .grantRevoked }
        switch response.status {
        case 429: return .rateLimited(retryAfter: response.retryAfter(now: time.now()))
        case 500...: return .transient("the token endpoint answered \(response.status)")
        default:
            let detail = [answer?.error, answer?.error_description ?? answer?.reason].compactMap { $0 }.joined(separator: ": ")
            return .invalidRequest(redaction.scrub("the token endpoint answered \(response.status)"
                + (detail.isEmpty ? "" : " (\(detail.prefix(300)))")))
        }
    }

    /// `invalid_grant` is the standard word (RFC 6749 §5.2); Zoom has also been seen answering
    /// `invalid_request` with the reason "Invalid Token!" for a used refresh token, so that counts too.
    static func isDeadGrant(status: Int, error: String?, reason: String?) -> Bool {
        guard status == 400 || status == 401 else { return false }
        switch error {
        case "invalid_grant", "invalid_token": return true
        case "invalid_request": return reason?.lowercased().contains("invalid token") ?? false
        default: return false
        }
    }
}
