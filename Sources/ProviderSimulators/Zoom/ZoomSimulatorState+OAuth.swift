import Crypto
import Foundation

/// The token endpoint's answer.
struct ZoomTokenResponse: Encodable {
    let access_token: String
    let token_type: String
    /// None for Server-to-Server tokens (`account_credentials`): they are simply fetched again.
    let refresh_token: String?
    let expires_in: Int
    let scope: String
    let api_url: String
}

struct ZoomAuthorizeRequest {
    var responseType: String?
    var clientId: String?
    var redirectURI: String?
    var state: String?
    var codeChallenge: String?
    var codeChallengeMethod: String?
}

extension ZoomSimulatorState {
    /// Consents for the chosen user and returns where to redirect the browser.
    func authorize(_ request: ZoomAuthorizeRequest) throws -> String {
        guard let clientId = request.clientId, clientId == client.clientId else {
            throw ZoomSimulatorError.page(.badRequest, "Invalid client_id: \(request.clientId ?? "")")
        }
        guard let redirectURI = request.redirectURI, client.redirectURIs.contains(redirectURI) else {
            throw ZoomSimulatorError.page(.badRequest, "Invalid redirect: \(request.redirectURI ?? "")")
        }
        func redirect(_ items: [(String, String)]) -> String {
            Self.appendQuery(items + (request.state.map { [("state", $0)] } ?? []), to: redirectURI)
        }
        guard request.responseType == "code" else {
            return redirect([("error", "unsupported_response_type")])
        }
        if request.codeChallenge != nil, request.codeChallengeMethod != "S256" {
            return redirect([("error", "invalid_request"), ("error_description", "code_challenge_method must be S256")])
        }
        if denyNextAuthorization {
            denyNextAuthorization = false
            return redirect([("error", "access_denied")])
        }
        guard let user = nextAuthorizingUserId.flatMap(user(id:)) ?? users.first else {
            throw ZoomSimulatorError.page(.badRequest, "No Zoom user to sign in")
        }
        let code = ZoomRandom.token(bytes: 24)
        codes[code] = AuthorizationCode(userId: user.id, redirectURI: redirectURI, codeChallenge: request.codeChallenge, issuedAt: now)
        return redirect([("code", code)])
    }

    /// `grant_type=authorization_code`: the code works once, for five minutes, with its redirect URI and PKCE verifier.
    func exchangeCode(clientCredentials: (id: String, secret: String)?, code: String?, redirectURI: String?, codeVerifier: String?) throws -> ZoomTokenResponse {
        try authenticateClient(clientCredentials)
        guard let code, let issued = codes.removeValue(forKey: code) else {
            throw ZoomSimulatorError.oauth("invalid_grant", "Invalid authorization code \(code ?? "")")
        }
        guard now.timeIntervalSince(issued.issuedAt) <= ZoomSimulator.authorizationCodeLifetime else {
            throw ZoomSimulatorError.oauth("invalid_grant", "Authorization code has expired")
        }
        guard redirectURI == issued.redirectURI else {
            throw ZoomSimulatorError.oauth("invalid_grant", "Redirect URI mismatch.")
        }
        if let challenge = issued.codeChallenge {
            guard let codeVerifier, Self.s256(codeVerifier) == challenge else {
                throw ZoomSimulatorError.oauth("invalid_grant", "Invalid code_verifier")
            }
        }
        let grantId = nextGrantId
        nextGrantId += 1
        grants[grantId] = Grant(userId: issued.userId, refreshToken: "")
        return issueTokens(grantId: grantId)
    }

    /// `grant_type=refresh_token`: rotates; the presented token stops working at once.
    func refresh(clientCredentials: (id: String, secret: String)?, refreshToken: String?) throws -> ZoomTokenResponse {
        try authenticateClient(clientCredentials)
        guard let refreshToken, let grantId = refreshTokenGrants[refreshToken], let grant = grants[grantId], !grant.revoked else {
            throw ZoomSimulatorError.invalidGrant
        }
        guard grant.refreshToken == refreshToken else {
            if refreshReuseRevokesGrant { revoke(grantId: grantId) }
            throw ZoomSimulatorError.invalidGrant
        }
        refreshCount += 1
        return issueTokens(grantId: grantId)
    }

    /// `POST /oauth/revoke?token=`: revokes the grant the access or refresh token belongs to.
    func revoke(clientCredentials: (id: String, secret: String)?, token: String?) throws {
        try authenticateClient(clientCredentials)
        guard let token, let grantId = grantId(ofToken: token) else {
            throw ZoomSimulatorError.oauth("invalid_request", "Invalid Token!")
        }
        revoke(grantId: grantId)
    }

    /// The user an API call acts for; 401 code 124 for an unknown, expired or revoked access token.
    func authenticate(accessToken: String?) throws -> SimulatedZoomUser {
        guard let accessToken, let token = accessTokens[accessToken], token.expiresAt > now,
              let grant = grants[token.grantId], !grant.revoked, let user = user(id: grant.userId)
        else { throw ZoomSimulatorError.invalidAccessToken }
        return user
    }

    func expireAccessToken(_ token: String) {
        accessTokens[token]?.expiresAt = .distantPast
    }

    func expireAccessTokens(userId: String) {
        for (token, record) in accessTokens where grants[record.grantId]?.userId == userId {
            accessTokens[token]?.expiresAt = .distantPast
        }
    }

    func revokeGrant(ofToken token: String) {
        if let grantId = grantId(ofToken: token) { revoke(grantId: grantId) }
    }

    func revokeGrants(userId: String) {
        for (id, grant) in grants where grant.userId == userId { revoke(grantId: id) }
    }

    func hasLiveGrant(userId: String) -> Bool {
        grants.values.contains { $0.userId == userId && !$0.revoked }
    }

    private func revoke(grantId: Int) {
        grants[grantId]?.revoked = true
    }

    private func grantId(ofToken token: String) -> Int? {
        accessTokens[token]?.grantId ?? refreshTokenGrants[token]
    }

    private func authenticateClient(_ credentials: (id: String, secret: String)?) throws {
        guard let credentials, credentials.id == client.clientId, credentials.secret == client.clientSecret else {
            throw ZoomSimulatorError.invalidClient
        }
    }

    private func issueTokens(grantId: Int) -> ZoomTokenResponse {
        let access = ZoomRandom.token(bytes: 48)
        let refresh = ZoomRandom.token(bytes: 48)
        accessTokens[access] = AccessToken(grantId: grantId, expiresAt: now.addingTimeInterval(ZoomSimulator.accessTokenLifetime))
        refreshTokenGrants[refresh] = grantId
        grants[grantId]?.refreshToken = refresh
        if let userId = grants[grantId]?.userId { tokensIssued[userId, default: []] += [access, refresh] }
        return ZoomTokenResponse(
            access_token: access, token_type: "bearer", refresh_token: refresh,
            expires_in: Int(ZoomSimulator.accessTokenLifetime), scope: client.scopes.joined(separator: " "), api_url: apiOrigin
        )
    }

    static func s256(_ verifier: String) -> String {
        ZoomRandom.base64URL(Data(SHA256.hash(data: Data(verifier.utf8))))
    }

    static func appendQuery(_ items: [(String, String)], to uri: String) -> String {
        let query = ZoomForm.encode(items)
        return uri + (uri.contains("?") ? "&" : "?") + query
    }
}
