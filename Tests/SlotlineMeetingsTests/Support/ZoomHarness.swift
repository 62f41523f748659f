import AsyncHTTPClient
import Foundation
import Logging
import ProviderSimulators
import SlotlineCore
import Synchronization
import Testing
@testable import SlotlineMeetings

/// A Zoom simulator on 127.0.0.1 with the OAuth client and provider of Slotline pointed at it.
struct ZoomHarness {
    static let redirectURI = "http://127.0.0.1:8080/connections/zoom/callback"
    static let user = SimulatedZoomUser.numbered(1)

    let simulator: ZoomSimulator
    let urls: ZoomSimulator.URLs
    let logs: LogRecorder

    /// Starts a fresh simulator, runs `body`, stops the simulator however `body` ends.
    static func run(_ body: @Sendable (ZoomHarness) async throws -> Void) async throws {
        let simulator = ZoomSimulator()
        try await simulator.run { urls in
            await simulator.addRedirectURI(redirectURI)
            try await body(ZoomHarness(simulator: simulator, urls: urls, logs: LogRecorder()))
        }
    }

    var oauth: OAuthClient { oauth(secret: simulator.clientSecret) }

    func oauth(secret: String) -> OAuthClient {
        OAuthClient(configuration: ZoomOAuth.configuration(clientId: simulator.clientId, clientSecret: secret, baseURL: urls.oauthBaseURL),
                    logger: logs.logger)
    }

    func provider(timeout: Duration = .seconds(5)) -> ZoomProvider {
        ZoomProvider(apiURL: urls.apiBaseURL, timeout: timeout, logger: logs.logger)
    }

    /// The browser's trip through Zoom's consent page: the callback's query.
    func authorize(state: String = "state-1", pkce: PKCE) async throws -> [String: String] {
        let url = oauth.authorizeURL(state: state, codeChallenge: pkce.challenge, redirectURI: Self.redirectURI)
        let response = try await Browser.client.execute(HTTPClientRequest(url: url), timeout: .seconds(5))
        let location = try #require(response.headers.first(name: "Location"))
        return Dictionary(uniqueKeysWithValues: (URLComponents(string: location)?.queryItems ?? []).map { ($0.name, $0.value ?? "") })
    }

    /// Authorizes user 1 and exchanges the code, as the connect callback does.
    func connect() async throws -> TokenStore {
        let pkce = PKCE()
        let callback = try await authorize(pkce: pkce)
        let tokens = try await oauth.exchange(code: try #require(callback["code"]), verifier: pkce.verifier, redirectURI: Self.redirectURI)
        return TokenStore(tokens: tokens, oauth: oauth)
    }

    func issuedSecrets() async -> [String] {
        await simulator.tokensIssued(to: Self.user.id) + [simulator.clientSecret]
    }
}

/// Reads redirects instead of following them, as a test browser.
enum Browser {
    static let client = HTTPClient(eventLoopGroupProvider: .singleton,
                                   configuration: HTTPClient.Configuration(redirectConfiguration: .disallow))
}

/// The caller's side of a connection: keeps the newest tokens and refreshes on demand, one at a
/// time, storing each rotated refresh token in place of the old one.
actor TokenStore: AccessTokenSource {
    private(set) var tokens: OAuthTokens
    private(set) var freshRequests = 0
    private let oauth: OAuthClient

    init(tokens: OAuthTokens, oauth: OAuthClient) {
        self.tokens = tokens
        self.oauth = oauth
    }

    func accessToken() async throws -> String { tokens.accessToken }

    func freshAccessToken(replacing rejected: String) async throws -> String {
        freshRequests += 1
        guard rejected == tokens.accessToken else { return tokens.accessToken }
        tokens = try await oauth.refresh(refreshToken: try #require(tokens.refreshToken))
        return tokens.accessToken
    }

    nonisolated var credentials: ProviderCredentials { ProviderCredentials(tokens: self) }
}

/// Credentials whose token never gets better (the API keeps refusing it); `asked` counts the
/// requests for a fresh one.
func staleCredentials(_ token: String, asked: Counter = Counter()) -> ProviderCredentials {
    ProviderCredentials(tokens: ClosureAccessTokenSource(current: { token }, fresh: { _ in
        asked.increment()
        return token
    }))
}

final class Counter: Sendable {
    private let value = Mutex(0)
    func increment() { value.withLock { $0 += 1 } }
    var count: Int { value.withLock { $0 } }
}
